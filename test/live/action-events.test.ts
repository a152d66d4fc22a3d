import { newPlayer, type Player } from '../support/client';
import { linkMentor } from '../support/mentors';
import {
  ABANDON_SPRINT,
  BUY_TOOL,
  CHECK_IN,
  CLAIM,
  COMPLETE_INTENTION,
  COMPLETE_RECOVERY,
  COMPLETE_SPRINT,
  SET_INTENTION,
  START_RECOVERY,
  START_SPRINT,
  USE_TOOL,
} from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';
import { GAME_EVENTS, subscribe, type Subscription, UNLOCKING_CHECK_IN_EVENTS, wsClient } from '../support/ws';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const GENERATE = `mutation Gen($input: GenerateRoadmapInput!) {
  generateRoadmap(input: $input) { id weeks { days { tasks { id effortMinutes } } } }
}`;
const COMPLETE_TASK = `mutation C($id: ID!) { completeRoadmapTask(id: $id) { xpGained } }`;
const UNCOMPLETE_TASK = `mutation U($id: ID!) { uncompleteRoadmapTask(id: $id) { xpGained } }`;

const NOTE = 'a private note about my morning';
const INTENTION = 'Ship the pricing page today';
const REFLECTION = 'I stopped because the week got away from me; tomorrow I start small.';

const NEW_TYPES = [
  'CheckInEvent',
  'IntentionSetEvent',
  'IntentionCompletedEvent',
  'SprintStartedEvent',
  'SprintCompletedEvent',
  'SprintAbandonedEvent',
  'GraceDayEarnedEvent',
  'RecoveryQuestStartedEvent',
  'RecoveryQuestCompletedEvent',
  'AchievementClaimedEvent',
  'ToolBoughtEvent',
  'ToolUsedEvent',
  'VitalsChangedEvent',
  'RoadmapTaskCompletedEvent',
  'RoadmapTaskReopenedEvent',
];

const events = (results: Subscription['results']) => results.map((r) => r.data.gameEvents);

/** Day 1: every action of a day. Day 2: the 7th day of a streak. Day 6: a repaired break. */
async function playThreeDays(player: Player): Promise<{ roadmapId: string; taskId: string; questId: string }> {
  const api = player.client;
  await server.setClock('2026-06-01T09:00:00Z');
  await api.ok(CHECK_IN, { input: { mood: 4, note: NOTE } });
  const { setDailyIntention: intention } = await api.ok(SET_INTENTION, { input: { text: INTENTION, targetSprints: 2 } });
  const abandoned = (await api.ok(START_SPRINT, { input: { plannedMinutes: 25 } })).startSprint;
  await api.ok(ABANDON_SPRINT, { id: abandoned.id });
  const sprint = (await api.ok(START_SPRINT, { input: { plannedMinutes: 5, intentionId: intention.id } })).startSprint;
  await server.advance(300);
  await api.ok(COMPLETE_SPRINT, { id: sprint.id });
  await api.ok(COMPLETE_INTENTION);
  await api.ok(CLAIM, { code: 'FIRST_CHECK_IN' });
  await api.ok(BUY_TOOL, { code: 'ENERGY_DRINK' });
  await api.ok(USE_TOOL, { code: 'ENERGY_DRINK' });
  const { generateRoadmap } = await api.ok(GENERATE, { input: { goal: 'Learn Rust', durationWeeks: 1, hoursPerDay: 1 } });
  const task = generateRoadmap.weeks[0].days[0].tasks[0];
  await api.ok(COMPLETE_TASK, { id: task.id });
  await api.ok(UNCOMPLETE_TASK, { id: task.id });

  await server.app.db.query('UPDATE characters SET streak_current = 6, streak_longest = 6 WHERE user_id = $1', [player.id]);
  await server.setClock('2026-06-02T09:00:00Z');
  await api.ok(CHECK_IN);

  await server.setClock('2026-06-06T09:00:00Z');
  const { startRecoveryQuest: quest } = await api.ok(START_RECOVERY);
  await api.ok(COMPLETE_RECOVERY, { reflection: REFLECTION });
  return { roadmapId: generateRoadmap.id, taskId: task.id, questId: quest.id };
}

test('every action streams its own event type, in cursor order, to the player and an active mentor, never to a stranger', async () => {
  const [player, mentor, stranger] = await Promise.all([
    newPlayer(server.graphqlUrl),
    newPlayer(server.graphqlUrl),
    newPlayer(server.graphqlUrl),
  ]);
  await linkMentor(mentor, player);
  const clients = [player, mentor, stranger, mentor].map((p) => wsClient(server.url, p.client.accessToken));
  const [asPlayer, asMentor, asStranger, asMentorLater] = clients;
  try {
    const own = await subscribe(asPlayer, GAME_EVENTS, { after: '0' });
    const watched = await subscribe(asMentor, GAME_EVENTS, { userId: player.id, after: '0' });
    const strangerOwn = await subscribe(asStranger, GAME_EVENTS, { after: '0' });
    const spy = await subscribe(asStranger, GAME_EVENTS, { userId: player.id, after: '0' });

    const ids = await playThreeDays(player);
    const rows = await server.app.db.query<{ id: string; payload: unknown }>(
      'SELECT e.id::text AS id, e.payload FROM game_events e WHERE e.user_id = $1 ORDER BY e.id',
      [player.id],
    );
    const received = events(await own.waitFor(rows.length, 10_000));
    await watched.waitFor(rows.length, 10_000);

    // The whole log, once each, in cursor order, to both viewers.
    expect(received.map((e) => e.cursor)).toEqual(rows.map((r) => r.id));
    expect(events(watched.results)).toEqual(received);
    expect(new Set(received.map((e) => e.userId))).toEqual(new Set([player.id]));
    const types = new Set(received.map((e) => e.__typename));
    for (const type of NEW_TYPES) expect(types).toContain(type);

    const first = (type: string) => received.find((e) => e.__typename === type);
    const all = (type: string) => received.filter((e) => e.__typename === type);
    expect(received.slice(0, 5).map((e) => e.__typename)).toEqual([...UNLOCKING_CHECK_IN_EVENTS]);
    expect(first('CheckInEvent')).toMatchObject({ date: '2026-06-01', mood: 4, checkInsTotal: 1 });
    expect(first('IntentionSetEvent')).toMatchObject({ date: '2026-06-01', targetSprints: 2 });
    expect(first('SprintStartedEvent')).toMatchObject({
      plannedMinutes: 25,
      startedAt: '2026-06-01T09:00:00.000Z',
      endsAt: '2026-06-01T09:25:00.000Z',
    });
    expect(first('SprintAbandonedEvent')).toMatchObject({ plannedMinutes: 25, endedAt: '2026-06-01T09:00:00.000Z' });
    expect(all('SprintStartedEvent')[1]).toMatchObject({ plannedMinutes: 5, endsAt: '2026-06-01T09:05:00.000Z' });
    expect(first('SprintCompletedEvent')).toMatchObject({
      plannedMinutes: 5,
      endedAt: '2026-06-01T09:05:00.000Z',
      sprintsCompleted: 1,
      discipline: 1,
    });
    expect(first('IntentionCompletedEvent')).toMatchObject({ date: '2026-06-01', intentionsCompleted: 1, clarity: 1 });
    expect(first('AchievementClaimedEvent').achievement).toEqual({ code: 'FIRST_CHECK_IN', rewardXp: 20 });
    expect(first('ToolBoughtEvent')).toMatchObject({ tool: { code: 'ENERGY_DRINK', cost: 10 }, quantity: 1, inventoryCount: 1 });
    expect(first('ToolUsedEvent')).toMatchObject({ tool: { code: 'ENERGY_DRINK' }, quantity: 0, inventoryCount: 0 });
    // Vitals once per action that moved them: check-in, sprint, intention, buy, use, check-in (energy +10, fatigue −10, loyalty +5 …).
    expect(all('VitalsChangedEvent').map(({ energy, fatigue, loyalty }) => [energy, fatigue, loyalty])).toEqual([
      [60, 0, 5],
      [59, 1, 6],
      [59, 1, 11],
      [59, 1, 1],
      [84, 1, 1],
      [94, 0, 6],
    ]);
    expect(first('RoadmapTaskCompletedEvent')).toMatchObject({ taskId: ids.taskId, roadmapId: ids.roadmapId });
    expect(first('RoadmapTaskCompletedEvent').xpAwarded).toBeGreaterThanOrEqual(10);
    expect(first('RoadmapTaskReopenedEvent')).toMatchObject({ taskId: ids.taskId, roadmapId: ids.roadmapId });
    expect(all('GraceDayEarnedEvent')).toEqual([expect.objectContaining({ graceDays: 2, streak: 7 })]);
    expect(first('RecoveryQuestStartedEvent')).toMatchObject({ questId: ids.questId, expiresOn: expect.stringMatching(/^2026-06-0\d$/) });
    expect(first('RecoveryQuestCompletedEvent')).toMatchObject({ questId: ids.questId, repairedOn: '2026-06-06', resilience: 2 });

    // Free text stays in its tables: not in the stream, not in the outbox.
    for (const text of [NOTE, INTENTION, REFLECTION]) {
      expect(JSON.stringify(received)).not.toContain(text);
      expect(JSON.stringify(rows)).not.toContain(text);
    }

    // A mentor who connects afterwards replays the whole log, in order, then nothing more.
    const later = await subscribe(asMentorLater, GAME_EVENTS, { userId: player.id, after: '0' });
    expect(events(await later.waitFor(rows.length, 10_000))).toEqual(received);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(own.results).toHaveLength(rows.length);
    expect(strangerOwn.results).toHaveLength(0);
    expect(spy.results.every((r) => !r.data)).toBe(true);
    expect(JSON.stringify(spy.results)).toContain('FORBIDDEN');
  } finally {
    await Promise.all(clients.map(async (c) => c.dispose()));
  }
});

test('a mentor reconnecting with the last cursor seen gets the rest of the new events with no gap and no duplicate', async () => {
  // The clock moves before the players exist: on a database of its own the job engine runs, and a jump
  // past days they lived through would close those days (DayClosedEvents) before the check-in.
  await server.setClock('2026-06-10T09:00:00Z');
  const [player, mentor] = await Promise.all([newPlayer(server.graphqlUrl), newPlayer(server.graphqlUrl)]);
  await linkMentor(mentor, player);
  const firstSocket = wsClient(server.url, mentor.client.accessToken);
  const seen = await subscribe(firstSocket, GAME_EVENTS, { userId: player.id, after: '0' });
  await player.client.ok(CHECK_IN, { input: { mood: 2 } });
  const sprint = (await player.client.ok(START_SPRINT, { input: { plannedMinutes: 10 } })).startSprint;
  const before = events(await seen.waitFor(6));
  expect(before.map((e) => e.__typename)).toEqual([...UNLOCKING_CHECK_IN_EVENTS, 'SprintStartedEvent']);
  await firstSocket.dispose();

  await player.client.ok(ABANDON_SPRINT, { id: sprint.id });
  await player.client.ok(SET_INTENTION, { input: { text: 'Write the launch post', targetSprints: 1 } });
  await player.client.ok(COMPLETE_INTENTION);

  const secondSocket = wsClient(server.url, mentor.client.accessToken);
  try {
    const resumed = await subscribe(secondSocket, GAME_EVENTS, { userId: player.id, after: before[5].cursor });
    const missed = events(await resumed.waitFor(5));
    expect(missed.map((e) => e.__typename)).toEqual([
      'SprintAbandonedEvent',
      'IntentionSetEvent',
      'IntentionCompletedEvent',
      'XpEvent',
      'VitalsChangedEvent',
    ]);
    await player.client.ok(BUY_TOOL, { code: 'ENERGY_DRINK' });
    const all = events(await resumed.waitFor(7));
    expect(all.slice(5).map((e) => e.__typename)).toEqual(['ToolBoughtEvent', 'VitalsChangedEvent']);
    const cursors = [...before, ...all].map((e) => e.cursor);
    const rows = await server.app.db.query<{ id: string }>(
      'SELECT e.id::text AS id FROM game_events e WHERE e.user_id = $1 ORDER BY e.id',
      [player.id],
    );
    expect(cursors).toEqual(rows.map((r) => r.id));
  } finally {
    await secondSocket.dispose();
  }
});
