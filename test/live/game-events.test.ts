import jwt from 'jsonwebtoken';

import { newPlayer } from '../support/client';
import { CHECK_IN, CLAIM } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';
import { GAME_EVENTS, subscribe, UNLOCKING_CHECK_IN_EVENTS, wsClient } from '../support/ws';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { isolatedDatabase: true });
});
afterAll(() => server.stop());

const events = (results: { data?: any }[]) => results.map((r) => r.data.gameEvents);

test('a check-in streams its check-in, streak, XP, vitals and achievement events with their figures and cursors', async () => {
  await server.setClock('2026-05-04T09:00:00Z');
  const player = await newPlayer(server.graphqlUrl);
  const client = wsClient(server.url, player.client.accessToken);
  try {
    const sub = await subscribe(client, GAME_EVENTS, { after: '0' });
    await player.client.ok(CHECK_IN, { input: { mood: 3 } });
    const received = events(await sub.waitFor(5));
    expect(received.map((e) => e.__typename)).toEqual(['CheckInEvent', 'StreakEvent', 'XpEvent', 'VitalsChangedEvent', 'AchievementEvent']);
    expect(received[0]).toMatchObject({ date: '2026-05-04', mood: 3, checkInsTotal: 1, userId: player.id });
    expect(received[1]).toMatchObject({ current: 1, longest: 1, status: 'ACTIVE', graceDays: 1, userId: player.id });
    expect(received[2]).toMatchObject({ amount: 11, source: 'CHECK_IN', totalXp: 11, level: 1 });
    expect(received[3]).toMatchObject({ energy: 60, fatigue: 0, loyalty: 5 });
    expect(received[4].achievement).toEqual({ code: 'FIRST_CHECK_IN', rewardXp: 20 });
    const cursors = received.map((e) => BigInt(e.cursor));
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);
    expect(new Set(cursors).size).toBe(5);
    expect(received[0].occurredAt).toBe('2026-05-04T09:00:00.000Z');
  } finally {
    await client.dispose();
  }
});

test('xpGained, streakUpdated and achievementUnlocked carry only their own event type; a level-up streams LevelUpEvent', async () => {
  await server.setClock('2026-05-05T09:00:00Z');
  const player = await newPlayer(server.graphqlUrl);
  const client = wsClient(server.url, player.client.accessToken);
  try {
    const xp = await subscribe(client, 'subscription { xpGained { amount source totalXp level } }');
    const streak = await subscribe(client, 'subscription { streakUpdated { current status } }');
    const unlocked = await subscribe(client, 'subscription { achievementUnlocked { achievement { code } } }');
    const all = await subscribe(client, GAME_EVENTS);
    await player.client.ok(CHECK_IN);
    await server.app.db.query('UPDATE characters SET xp = 95, level = 1 WHERE user_id = $1', [player.id]);
    await server.app.db.query(
      "INSERT INTO xp_ledger (user_id, amount, source, reference, rule, inputs, created_at) VALUES ($1, 84, 'TEST', 'setup', 'test setup', '{}', now())",
      [player.id],
    );
    await player.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' });
    expect((await xp.waitFor(2)).map((r) => r.data.xpGained)).toEqual([
      { amount: 11, source: 'CHECK_IN', totalXp: 11, level: 1 },
      { amount: 20, source: 'ACHIEVEMENT', totalXp: 115, level: 2 },
    ]);
    expect((await streak.waitFor(1)).map((r) => r.data.streakUpdated)).toEqual([{ current: 1, status: 'ACTIVE' }]);
    expect((await unlocked.waitFor(1)).map((r) => r.data.achievementUnlocked.achievement.code)).toEqual(['FIRST_CHECK_IN']);
    const types = events(await all.waitFor(8)).map((e) => e.__typename);
    expect(types).toEqual([...UNLOCKING_CHECK_IN_EVENTS, 'AchievementClaimedEvent', 'XpEvent', 'LevelUpEvent']);
    expect(events(all.results)[7].level).toBe(2);
    expect(xp.results).toHaveLength(2);
  } finally {
    await client.dispose();
  }
});

test('with many users acting at once, each subscriber receives exactly its own events', async () => {
  await server.setClock('2026-05-06T09:00:00Z');
  const players = await Promise.all(Array.from({ length: 8 }, () => newPlayer(server.graphqlUrl)));
  const clients = players.map((p) => wsClient(server.url, p.client.accessToken));
  try {
    const subs = await Promise.all(clients.map((c) => subscribe(c, GAME_EVENTS, { after: '0' })));
    await Promise.all(players.map((p) => p.client.ok(CHECK_IN)));
    await Promise.all(players.map((p) => p.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' })));
    for (const [i, sub] of subs.entries()) {
      const received = events(await sub.waitFor(7));
      expect(received).toHaveLength(7);
      expect(new Set(received.map((e) => e.userId))).toEqual(new Set([players[i].id]));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const sub of subs) expect(sub.results).toHaveLength(7);
  } finally {
    await Promise.all(clients.map(async (c) => c.dispose()));
  }
});

test('replay after a reconnect delivers exactly the missed events, in order, then live', async () => {
  await server.setClock('2026-05-07T09:00:00Z');
  const player = await newPlayer(server.graphqlUrl);
  const first = wsClient(server.url, player.client.accessToken);
  const seen = await subscribe(first, GAME_EVENTS, { after: '0' });
  await player.client.ok(CHECK_IN);
  const before = events(await seen.waitFor(5));
  await first.dispose();
  const lastCursor = before[before.length - 1].cursor;

  await player.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' });
  await server.setClock('2026-05-08T09:00:00Z');
  await player.client.ok(CHECK_IN);

  const second = wsClient(server.url, player.client.accessToken);
  try {
    const resumed = await subscribe(second, GAME_EVENTS, { after: lastCursor });
    // Moving the clock past midnight closed 2026-05-07: its DayClosedEvent is among the missed ones.
    const missed = events(await resumed.waitFor(7));
    expect(missed.map((e) => e.__typename)).toEqual([
      'AchievementClaimedEvent',
      'XpEvent',
      'DayClosedEvent',
      'CheckInEvent',
      'StreakEvent',
      'XpEvent',
      'VitalsChangedEvent',
    ]);
    expect(missed[1]).toMatchObject({ source: 'ACHIEVEMENT', amount: 20 });
    expect(missed[2]).toMatchObject({ date: '2026-05-07', checkedIn: true });
    expect(missed[4]).toMatchObject({ current: 2 });
    expect(missed[5]).toMatchObject({ source: 'CHECK_IN', amount: 12 });
    expect(missed.every((e) => BigInt(e.cursor) > BigInt(lastCursor))).toBe(true);
    await server.setClock('2026-05-09T09:00:00Z');
    await player.client.ok(CHECK_IN);
    const all = events(await resumed.waitFor(13));
    expect(all.slice(7).map((e) => e.__typename)).toEqual(['DayClosedEvent', ...UNLOCKING_CHECK_IN_EVENTS]);
    expect(all[12].achievement.code).toBe('STREAK_3');
    expect(new Set(all.map((e) => e.cursor)).size).toBe(13);
  } finally {
    await second.dispose();
  }
});

test('authorisation: no token → UNAUTHENTICATED; another user → FORBIDDEN and nothing delivered; queries refused', async () => {
  await server.setClock('2026-05-10T09:00:00Z');
  const alice = await newPlayer(server.graphqlUrl);
  const bob = await newPlayer(server.graphqlUrl);
  const anonymous = wsClient(server.url);
  const asBob = wsClient(server.url, bob.client.accessToken);
  const forged = wsClient(server.url, `${bob.client.accessToken}x`);
  try {
    const anon = await subscribe(anonymous, GAME_EVENTS, { userId: alice.id });
    await anon.waitForEnd();
    expect(JSON.stringify(anon.error ?? anon.results)).toContain('UNAUTHENTICATED');

    const badToken = await subscribe(forged, GAME_EVENTS);
    await badToken.waitForEnd();
    expect(JSON.stringify(badToken.error ?? badToken.results)).toContain('UNAUTHENTICATED');

    const spy = await subscribe(asBob, GAME_EVENTS, { userId: alice.id, after: '0' });
    await alice.client.ok(CHECK_IN);
    await spy.waitForEnd();
    expect(spy.results.every((r) => !r.data)).toBe(true);
    expect(JSON.stringify(spy.results)).toContain('FORBIDDEN');

    const query = await subscribe(asBob, '{ gameState { xp } }');
    await query.waitForEnd();
    expect(JSON.stringify(query.error ?? query.results)).toContain('Only subscriptions');

    const badCursor = await subscribe(asBob, GAME_EVENTS, { after: 'abc' });
    await badCursor.waitForEnd();
    expect(JSON.stringify(badCursor.results)).toContain('BAD_USER_INPUT');
  } finally {
    await Promise.all([anonymous.dispose(), asBob.dispose(), forged.dispose()]);
  }
});

test('a change that rolls back publishes nothing; one that commits is published', async () => {
  await server.setClock('2026-05-11T09:00:00Z');
  const player = await newPlayer(server.graphqlUrl);
  const client = wsClient(server.url, player.client.accessToken);
  try {
    const sub = await subscribe(client, GAME_EVENTS, { after: '0' });
    await expect(
      server.app.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO game_events (user_id, type, payload, occurred_at) VALUES ($1, 'LEVEL_UP', '{"level": 99}', now())`, [
          player.id,
        ]);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    await player.client.ok(CHECK_IN);
    const received = events(await sub.waitFor(5));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sub.results).toHaveLength(5);
    expect(received.some((e) => e.level === 99)).toBe(false);
  } finally {
    await client.dispose();
  }
});

test('an expiring access token ends the socket’s private subscriptions', async () => {
  const player = await newPlayer(server.graphqlUrl);
  const shortLived = jwt.sign({}, 'test-secret-test-secret-test-secret-0123', {
    algorithm: 'HS256',
    subject: player.id,
    expiresIn: 2,
    issuer: 'xecution',
    audience: 'xecution-api',
  });
  const client = wsClient(server.url, shortLived);
  try {
    const sub = await subscribe(client, GAME_EVENTS);
    expect(sub.completed).toBe(false);
    await sub.waitForEnd(6000);
    expect(sub.completed).toBe(true);
  } finally {
    await client.dispose();
  }
});
