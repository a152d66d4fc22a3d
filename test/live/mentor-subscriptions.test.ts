import { newPlayer } from '../support/client';
import { linkMentor, REVOKE_MENTOR, STEP_DOWN } from '../support/mentors';
import { CHECK_IN, CLAIM } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';
import { GAME_EVENTS, subscribe, wsClient } from '../support/ws';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const SUBSCRIPTIONS = [
  ['gameEvents', GAME_EVENTS],
  ['xpGained', 'subscription($userId: ID) { xpGained(userId: $userId) { amount userId } }'],
  ['streakUpdated', 'subscription($userId: ID) { streakUpdated(userId: $userId) { current userId } }'],
  ['achievementUnlocked', 'subscription($userId: ID) { achievementUnlocked(userId: $userId) { achievement { code } userId } }'],
] as const;

describe.each(SUBSCRIPTIONS)('%s with a userId: the access matrix', (field, document) => {
  test('self and an active mentor receive the events; a stranger and a revoked mentor get FORBIDDEN and nothing', async () => {
    await server.setClock('2026-07-01T08:00:00Z');
    const mentee = await newPlayer(server.graphqlUrl);
    const mentor = await newPlayer(server.graphqlUrl);
    const revoked = await newPlayer(server.graphqlUrl);
    const stranger = await newPlayer(server.graphqlUrl);
    await linkMentor(mentor, mentee);
    await linkMentor(revoked, mentee);
    await mentee.client.ok(REVOKE_MENTOR, { mentorId: revoked.id });
    const sockets = [mentee, mentor, revoked, stranger].map((p) => wsClient(server.url, p.client.accessToken));
    try {
      const [self, asMentor, asRevoked, asStranger] = await Promise.all(sockets.map((s) => subscribe(s, document, { userId: mentee.id })));
      await mentee.client.ok(CHECK_IN);
      const expected = field === 'gameEvents' ? 5 : 1;
      for (const allowed of [self, asMentor]) {
        const results = await allowed.waitFor(expected);
        expect(results.every((r) => r.data?.[field]?.userId === mentee.id)).toBe(true);
      }
      for (const refused of [asRevoked, asStranger]) {
        await refused.waitForEnd();
        expect(refused.results.some((r) => r.data)).toBe(false);
        expect(JSON.stringify(refused.results)).toContain('FORBIDDEN');
      }
    } finally {
      await Promise.all(sockets.map(async (s) => s.dispose()));
    }
  });
});

test.each([
  ['the mentee revokes the mentor', REVOKE_MENTOR],
  ['the mentor steps down', STEP_DOWN],
])('a live mentor subscription stops delivering when %s', async (_how, mutation) => {
  await server.setClock('2026-07-02T08:00:00Z');
  const mentee = await newPlayer(server.graphqlUrl);
  const mentor = await newPlayer(server.graphqlUrl);
  await linkMentor(mentor, mentee);
  const socket = wsClient(server.url, mentor.client.accessToken);
  try {
    const sub = await subscribe(socket, GAME_EVENTS, { userId: mentee.id });
    await mentee.client.ok(CHECK_IN);
    await sub.waitFor(5);
    if (mutation === REVOKE_MENTOR) await mentee.client.ok(REVOKE_MENTOR, { mentorId: mentor.id });
    else await mentor.client.ok(STEP_DOWN, { menteeId: mentee.id });
    await mentee.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' });
    await sub.waitForEnd();
    expect(sub.results).toHaveLength(5);
  } finally {
    await socket.dispose();
  }
});
