import { newPlayer } from '../support/client';
import { eventually } from '../support/eventually';
import { CHECK_IN, CLAIM } from '../support/operations';
import { startRedis } from '../support/processes';
import { startTestServer, type TestServer } from '../support/server';
import { GAME_EVENTS, subscribe, wsClient } from '../support/ws';

// Starts and kills its own redis-server on a free port; the shared Redis is never touched.
let redis: Awaited<ReturnType<typeof startRedis>>;
let server: TestServer;
beforeAll(async () => {
  redis = await startRedis();
  server = await startTestServer({ REDIS_URL: redis.url }, { isolatedDatabase: true });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await redis?.stop();
});

test('Redis stops mid-run: mutations keep succeeding, and every event is delivered once after it returns', async () => {
  await server.setClock('2026-06-01T08:00:00Z');
  const player = await newPlayer(server.graphqlUrl);
  const client = wsClient(server.url, player.client.accessToken);
  try {
    const sub = await subscribe(client, GAME_EVENTS, { after: '0' });
    await player.client.ok(CHECK_IN);
    await sub.waitFor(3);

    await redis.stop();
    await player.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' });
    for (const day of ['2026-06-02', '2026-06-03']) {
      await server.setClock(`${day}T08:00:00Z`);
      await player.client.ok(CHECK_IN);
    }
    expect(server.app.services.bus.transport.isHealthy()).toBe(false);

    redis = await startRedis(redis.port);
    await server.setClock('2026-06-04T08:00:00Z');
    await eventually(async () => server.app.services.bus.transport.isHealthy(), { timeoutMs: 15_000, what: 'event transport healthy' });
    await player.client.ok(CHECK_IN);

    const stored = await server.app.db.query<{ cursor: string }>(
      'SELECT id::text AS cursor FROM game_events WHERE user_id = $1 ORDER BY game_events.id',
      [player.id],
    );
    await sub.waitFor(stored.length, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const delivered = sub.results.map((r) => r.data.gameEvents.cursor);
    expect(delivered).toEqual(stored.map((row) => row.cursor));
    await eventually(
      async () => {
        const [{ left }] = await server.app.db.query<{ left: number }>(
          'SELECT count(*)::int AS left FROM game_events WHERE user_id = $1 AND published_at IS NULL',
          [player.id],
        );
        return left === 0;
      },
      { what: 'outbox drained' },
    );
  } finally {
    await client.dispose();
  }
}, 60_000);
