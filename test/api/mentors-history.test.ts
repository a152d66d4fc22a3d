import { newPlayer, type Player } from '../support/client';
import { ABANDON_SPRINT, CHECK_IN, SET_INTENTION, START_SPRINT } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let player: Player;

const HISTORY = `query History($id: ID!, $first: Int, $after: String, $sprintsAfter: String, $from: LocalDate, $to: LocalDate) {
  user(id: $id) {
    checkIns(first: $first, after: $after, from: $from, to: $to) { pageInfo { hasNextPage endCursor } edges { cursor node { date } } }
    sprints(first: $first, after: $sprintsAfter, from: $from, to: $to) { pageInfo { hasNextPage endCursor } edges { cursor node { plannedMinutes status } } }
    intentions(first: $first, from: $from, to: $to) { edges { node { date text status } } }
    xpLedger(first: $first, from: $from, to: $to) { edges { cursor node { amount source rule inputs } } }
    events(first: $first, from: $from, to: $to) { edges { cursor node { cursor type payload occurredAt } } }
  }
}`;

const checkInsOnly = `query($id: ID!, $first: Int, $after: String, $from: LocalDate, $to: LocalDate) {
  user(id: $id) { checkIns(first: $first, after: $after, from: $from, to: $to) { pageInfo { hasNextPage endCursor } edges { node { date } } } }
}`;

beforeAll(async () => {
  // A database of its own, so the job engine runs (as on the embedded defaults): the days close.
  server = await startTestServer({}, { isolatedDatabase: true });
  await server.setClock('2026-09-01T00:00:00Z');
  player = await newPlayer(server.graphqlUrl, { timezone: 'America/Los_Angeles' });
  // Five local evenings in Los Angeles, 20:00 PDT = 03:00 UTC the next day.
  for (const day of [1, 2, 3, 4, 5]) {
    await server.setClock(`2026-09-0${day + 1}T03:00:00Z`);
    await player.client.ok(CHECK_IN);
    if (day === 1) await player.client.ok(SET_INTENTION, { input: { text: 'Left undone on purpose' } });
  }
  for (const minutes of [25, 30]) {
    const { startSprint } = await player.client.ok(START_SPRINT, { input: { plannedMinutes: minutes } });
    await server.advance(60);
    await player.client.ok(ABANDON_SPRINT, { id: startSprint.id });
  }
});
afterAll(() => server.stop());

const dates = (connection: any) => connection.edges.map((e: any) => e.node.date);

test('connections page forward with first/after, newest first', async () => {
  const page1 = (await player.client.ok(checkInsOnly, { id: player.id, first: 2 })).user.checkIns;
  expect(dates(page1)).toEqual(['2026-09-05', '2026-09-04']);
  expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: '2026-09-04' });
  const page2 = (await player.client.ok(checkInsOnly, { id: player.id, first: 2, after: page1.pageInfo.endCursor })).user.checkIns;
  expect(dates(page2)).toEqual(['2026-09-03', '2026-09-02']);
  const page3 = (await player.client.ok(checkInsOnly, { id: player.id, first: 2, after: page2.pageInfo.endCursor })).user.checkIns;
  expect(dates(page3)).toEqual(['2026-09-01']);
  expect(page3.pageInfo).toEqual({ hasNextPage: false, endCursor: '2026-09-01' });

  const { user } = await player.client.ok(HISTORY, { id: player.id, first: 1 });
  expect(user.sprints.edges.map((e: any) => e.node.plannedMinutes)).toEqual([30]);
  const next = await player.client.ok(HISTORY, { id: player.id, first: 1, sprintsAfter: user.sprints.pageInfo.endCursor });
  expect(next.user.sprints.edges.map((e: any) => e.node)).toEqual([{ plannedMinutes: 25, status: 'ABANDONED' }]);
  expect(next.user.sprints.pageInfo.hasNextPage).toBe(false);
});

test("date ranges are the user's local days, for stored dates and for instants alike", async () => {
  const { user } = await player.client.ok(HISTORY, { id: player.id, from: '2026-09-05', to: '2026-09-05' });
  expect(dates(user.checkIns)).toEqual(['2026-09-05']);
  // The fifth check-in happened at 03:00 UTC on 09-06, which is still 09-05 in Los Angeles.
  expect(user.xpLedger.edges.map((e: any) => e.node)).toEqual([
    { amount: 15, source: 'CHECK_IN', rule: expect.any(String), inputs: expect.any(Object) },
  ]);
  // 09-04 closed at midnight in Los Angeles, early on 09-05: its DAY_CLOSED is an event of 09-05.
  expect(user.events.edges.map((e: any) => e.node.type).sort()).toEqual([
    'CHECK_IN',
    'DAY_CLOSED',
    'SPRINT_ABANDONED',
    'SPRINT_ABANDONED',
    'SPRINT_STARTED',
    'SPRINT_STARTED',
    'STREAK_UPDATED',
    'VITALS_CHANGED',
    'XP_GAINED',
  ]);
  expect(user.events.edges[0].cursor).toBe(user.events.edges[0].node.cursor);
  expect(user.sprints.edges).toHaveLength(2);

  const early = await player.client.ok(HISTORY, { id: player.id, from: '2026-09-01', to: '2026-09-02' });
  expect(dates(early.user.checkIns)).toEqual(['2026-09-02', '2026-09-01']);
  expect(early.user.sprints.edges).toEqual([]);
  expect(early.user.intentions.edges).toEqual([{ node: { date: '2026-09-01', text: 'Left undone on purpose', status: 'FAILED' } }]);
});

test('bad page arguments are BAD_USER_INPUT naming the argument', async () => {
  for (const [variables, field] of [
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ after: 'not a cursor' }, 'after'],
    [{ from: '2026-09-05', to: '2026-09-01' }, 'to'],
  ] as const) {
    const error = await player.client.fails('BAD_USER_INPUT', checkInsOnly, { id: player.id, ...variables });
    expect(error.extensions?.field).toBe(field);
  }
  await player.client.ok(checkInsOnly, { id: player.id, first: 100 });
});
