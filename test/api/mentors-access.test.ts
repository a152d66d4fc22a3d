import { newPlayer, type Player, TestClient } from '../support/client';
import { linkMentor, REVOKE_MENTOR, STEP_DOWN, USER_CONNECTIONS, USER_GRAPH } from '../support/mentors';
import { CHECK_IN, COMPLETE_SPRINT, SET_INTENTION, START_SPRINT } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let mentee: Player;
let mentor: Player;
let revoked: Player;
let steppedDown: Player;
let stranger: Player;

beforeAll(async () => {
  server = await startTestServer();
  await server.setClock('2026-04-01T09:00:00Z');
  [mentee, mentor, revoked, steppedDown, stranger] = await Promise.all(
    ['Mentee', 'Mentor', 'Revoked', 'SteppedDown', 'Stranger'].map((displayName) => newPlayer(server.graphqlUrl, { displayName })),
  );
  // Some history of every kind: a check-in, an intention, a completed sprint (ledger rows and events).
  await mentee.client.ok(CHECK_IN, { input: { mood: 4 } });
  await mentee.client.ok(SET_INTENTION, { input: { text: 'Ship the mentor dashboard' } });
  const { startSprint } = await mentee.client.ok(START_SPRINT, { input: { plannedMinutes: 25 } });
  await server.advance(25 * 60);
  await mentee.client.ok(COMPLETE_SPRINT, { id: startSprint.id });

  for (const m of [mentor, revoked, steppedDown]) await linkMentor(m, mentee);
  await mentee.client.ok(REVOKE_MENTOR, { mentorId: revoked.id });
  await steppedDown.client.ok(STEP_DOWN, { menteeId: mentee.id });
});
afterAll(() => server.stop());

describe('user(id) and everything under it', () => {
  test('the user themself reads all of it, email included', async () => {
    const { user } = await mentee.client.ok(USER_GRAPH, { id: mentee.id });
    expect(user).toMatchObject({ id: mentee.id, email: mentee.email, gameState: { streak: { current: 1 } } });
    expect(user.checkIns.edges).toHaveLength(1);
    expect(user.sprints.edges).toHaveLength(1);
    expect(user.intentions.edges).toHaveLength(1);
    expect(user.xpLedger.edges).toHaveLength(2); // the check-in and the sprint (achievements are not claimed)
    expect(user.events.edges.length).toBeGreaterThanOrEqual(3);
  });

  test('an active mentor reads the same graph, without the email', async () => {
    const own = await mentee.client.ok(USER_GRAPH, { id: mentee.id });
    const { user } = await mentor.client.ok(USER_GRAPH, { id: mentee.id });
    expect(user.email).toBeNull();
    expect({ ...user, email: mentee.email }).toEqual(own.user);
  });

  test.each([
    ['a revoked mentor', () => revoked],
    ['a mentor who stepped down', () => steppedDown],
    ['a stranger', () => stranger],
  ])('%s is FORBIDDEN from user(id) and from every connection', async (_who, viewer) => {
    const error = await viewer().client.fails('FORBIDDEN', USER_GRAPH, { id: mentee.id });
    expect(error.message).not.toContain(mentee.id);
    for (const query of USER_CONNECTIONS) await viewer().client.fails('FORBIDDEN', query, { id: mentee.id });
  });

  test('an unknown or malformed id is the same FORBIDDEN: no hint whether it exists', async () => {
    const unknown = await stranger.client.fails('FORBIDDEN', USER_GRAPH, { id: '00000000-0000-4000-8000-000000000000' });
    const malformed = await stranger.client.fails('FORBIDDEN', USER_GRAPH, { id: 'nope' });
    const existing = await stranger.client.fails('FORBIDDEN', USER_GRAPH, { id: mentee.id });
    expect(unknown.message).toBe(existing.message);
    expect(malformed.message).toBe(existing.message);
  });

  test('mentorship is one-way: the mentee cannot read the mentor', async () => {
    await mentee.client.fails('FORBIDDEN', USER_GRAPH, { id: mentor.id });
  });

  test('without a token it is UNAUTHENTICATED', async () => {
    await new TestClient(server.graphqlUrl).fails('UNAUTHENTICATED', USER_GRAPH, { id: mentee.id });
  });
});

describe('AccessService.canRead (also what subscriptions ask)', () => {
  test('self and active mentors only', async () => {
    const access = server.app.services.access;
    expect(await access.canRead(mentee.id, mentee.id)).toBe(true);
    expect(await access.canRead(mentor.id, mentee.id)).toBe(true);
    expect(await access.canRead(revoked.id, mentee.id)).toBe(false);
    expect(await access.canRead(steppedDown.id, mentee.id)).toBe(false);
    expect(await access.canRead(stranger.id, mentee.id)).toBe(false);
    expect(await access.canRead(mentee.id, mentor.id)).toBe(false);
    expect(await access.canRead(mentor.id, 'not-a-uuid')).toBe(false);
  });

  test('a revoked link can be re-established with a new invite, and revoked again', async () => {
    await linkMentor(revoked, mentee);
    expect(await server.app.services.access.canRead(revoked.id, mentee.id)).toBe(true);
    await revoked.client.ok(USER_GRAPH, { id: mentee.id });
    expect(await mentee.client.ok(REVOKE_MENTOR, { mentorId: revoked.id })).toEqual({ revokeMentor: true });
    await revoked.client.fails('FORBIDDEN', USER_GRAPH, { id: mentee.id });
  });
});

describe('mentors never write for mentees', () => {
  test("a mentor's mutations act on the mentor, leaving the mentee untouched", async () => {
    const before = await mentee.client.ok(USER_GRAPH, { id: mentee.id });
    const { checkIn } = await mentor.client.ok(CHECK_IN, { input: { mood: 5 } });
    expect(checkIn.gameState.streak.current).toBe(1);
    const after = await mentee.client.ok(USER_GRAPH, { id: mentee.id });
    expect(after).toEqual(before);
    const mentorOwn = await mentor.client.ok(USER_GRAPH, { id: mentor.id });
    expect(mentorOwn.user.checkIns.edges).toHaveLength(1);
  });

  test('a mentor cannot revoke on behalf of the mentee (revokeMentor acts on the caller as mentee)', async () => {
    expect(await mentor.client.ok(REVOKE_MENTOR, { mentorId: mentor.id })).toEqual({ revokeMentor: false });
    expect(await server.app.services.access.canRead(mentor.id, mentee.id)).toBe(true);
  });
});
