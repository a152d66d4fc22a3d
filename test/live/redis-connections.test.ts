import Redis from 'ioredis';

import { CoachRateLimiter } from '../../src/coach/rate-limit';
import { RateLimitStore } from '../../src/rate-limits/rate-limit-store';
import { createRedisConnection } from '../../src/redis/connections';
import { eventually } from '../support/eventually';
import { capturingLogger } from '../support/logger';
import { startRedis } from '../support/processes';
import { startTestServer } from '../support/server';

// Starts its own redis-server on a free port, so CLIENT LIST shows only what these tests open.
let redis: Awaited<ReturnType<typeof startRedis>>;
beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterAll(async () => {
  await redis?.stop();
});

/** Names of the connections to `url` that the app opened (it names each `xecution:<use>`). */
async function appConnections(url: string): Promise<string[]> {
  const admin = new Redis(url);
  try {
    const list = (await admin.client('LIST')) as string;
    return [...list.matchAll(/\bname=(xecution:\S+)/g)].map((m) => m[1]).sort();
  } finally {
    admin.disconnect();
  }
}

test('an instance opens three Redis connections (was five), each named for its use', async () => {
  const server = await startTestServer({ REDIS_URL: redis.url }, { isolatedDatabase: true });
  try {
    const expected = ['xecution:coach-stream-state', 'xecution:commands', 'xecution:subscriber'];
    await eventually(async () => (await appConnections(redis.url)).length >= expected.length, {
      timeoutMs: 10_000,
      what: 'connections named',
    });
    expect(await appConnections(redis.url)).toEqual(expected);
  } finally {
    await server.stop();
  }
  await eventually(async () => (await appConnections(redis.url)).length === 0, { timeoutMs: 10_000, what: 'connections closed at stop' });
}, 60_000);

test('the coach limit counts on the shared store: shared across instances, and its degradation is logged', async () => {
  const { log, lines } = capturingLogger();
  const instances = [1, 2].map(() => {
    const client = createRedisConnection(redis.url, 'commands', 'fail-fast', log);
    return { client, coach: new CoachRateLimiter(new RateLimitStore(client, log), { points: 2, windowSeconds: 60 }) };
  });
  const [a, b] = instances;
  try {
    await eventually(() => instances.every((i) => i.client.status === 'ready'), { timeoutMs: 10_000, what: 'connected' });
    await a.coach.consume('player-1');
    await b.coach.consume('player-1');
    await expect(a.coach.consume('player-1')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });

    await redis.stop();
    await eventually(() => lines.filter((l) => l.includes('rate limits degraded')).length === 2, {
      timeoutMs: 10_000,
      what: 'degradation logged',
    });
    // Per instance in memory while Redis is away: served, and still limited.
    await a.coach.consume('player-2');
    await a.coach.consume('player-2');
    await expect(a.coach.consume('player-2')).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    await b.coach.consume('player-2');

    redis = await startRedis(redis.port);
    await eventually(() => lines.filter((l) => l.includes('rate limits shared through redis again')).length === 2, {
      timeoutMs: 15_000,
      what: 'recovery logged',
    });
    expect(lines.filter((l) => l.includes('rate limits degraded'))).toHaveLength(2);
  } finally {
    await Promise.all(instances.map((i) => i.client.quit().catch(() => i.client.disconnect())));
  }
}, 60_000);
