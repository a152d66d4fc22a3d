import { newPlayer, TestClient } from '../support/client';
import { CHECK_IN, CLAIM } from '../support/operations';
import { type ChildServer, startChildServer } from '../support/processes';
import { onRealPostgres, startTestServer, type TestServer } from '../support/server';
import { GAME_EVENTS, subscribe, UNLOCKING_CHECK_IN_EVENTS, wsClient } from '../support/ws';

// Two instances share one database and one Redis: this needs real PostgreSQL and Redis (CI's first pass).
const shared = onRealPostgres && Boolean(process.env.REDIS_URL);
const describeShared = shared ? describe : describe.skip;

describeShared('scale-out: two server processes on the same PostgreSQL and Redis', () => {
  let local: TestServer;
  let remote: ChildServer;
  beforeAll(async () => {
    local = await startTestServer();
    remote = await startChildServer({});
  }, 90_000);
  afterAll(async () => {
    await remote?.terminate();
    await local?.stop();
  });

  test('a mutation on one instance reaches a subscriber on the other, once', async () => {
    const player = await newPlayer(local.graphqlUrl);
    const client = wsClient(remote.url, player.client.accessToken);
    try {
      const sub = await subscribe(client, GAME_EVENTS);
      await player.client.ok(CHECK_IN);
      const onRemote = new TestClient(`${remote.url}/graphql`, player.client.accessToken);
      await onRemote.ok(CLAIM, { code: 'FIRST_CHECK_IN' });
      const received = (await sub.waitFor(7)).map((r) => r.data.gameEvents);
      expect(received.map((e) => e.__typename)).toEqual([...UNLOCKING_CHECK_IN_EVENTS, 'AchievementClaimedEvent', 'XpEvent']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sub.results).toHaveLength(7);
    } finally {
      await client.dispose();
    }
  });

  test('under load from both instances, every event is published exactly once', async () => {
    const players = await Promise.all(Array.from({ length: 10 }, () => newPlayer(local.graphqlUrl)));
    const clients = players.map((p, i) => wsClient(i % 2 ? remote.url : local.url, p.client.accessToken));
    try {
      // From cursor 0 (fresh players have none): under load a subscription may register after the first
      // commit, and what it missed then comes from the table; live and replayed, each event arrives once.
      const subs = await Promise.all(clients.map((c) => subscribe(c, GAME_EVENTS, { after: '0' })));
      await Promise.all(
        players.map((p, i) => new TestClient(i % 2 ? `${local.url}/graphql` : `${remote.url}/graphql`, p.client.accessToken).ok(CHECK_IN)),
      );
      // A first check-in: CheckIn, Streak, Xp, VitalsChanged and the FIRST_CHECK_IN unlock.
      for (const sub of subs) await sub.waitFor(5);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const sub of subs) {
        const cursors = sub.results.map((r) => r.data.gameEvents.cursor);
        expect(cursors).toHaveLength(5);
        expect(new Set(cursors).size).toBe(5);
      }
      const [{ unpublished }] = await local.app.db.query<{ unpublished: number }>(
        'SELECT count(*)::int AS unpublished FROM game_events WHERE user_id = ANY($1::uuid[]) AND published_at IS NULL',
        [players.map((p) => p.id)],
      );
      expect(unpublished).toBe(0);
    } finally {
      await Promise.all(clients.map(async (c) => c.dispose()));
    }
  });

  test('SIGTERM: sockets close with 1001 and the process exits within 10 s', async () => {
    const extra = await startChildServer({});
    const player = await newPlayer(local.graphqlUrl);
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${extra.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${player.client.accessToken}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const { code, ms } = await extra.terminate();
    expect(await closed).toBe(1001);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  }, 30_000);
});
