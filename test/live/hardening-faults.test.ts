import { randomUUID } from 'node:crypto';

import { Client } from 'pg';

import type { Player } from '../support/client';
import { eventually } from '../support/eventually';
import { gql, type HttpResult } from '../support/http';
import { directPlayer } from '../support/players';
import { canRunPostgres, type PrivatePostgres, startPostgres } from '../support/postgres';
import { startRedis } from '../support/processes';
import { startTestServer, type TestServer } from '../support/server';

// Starts its own PostgreSQL (initdb + pg_ctl) and redis-server on free ports; the shared ones are never touched.
const describeFaults = canRunPostgres ? describe : describe.skip;

const START = `mutation Start($input: StartSprintInput!) { startSprint(input: $input) { id status } }`;
const ABANDON = `mutation Abandon($id: ID!) { abandonSprint(id: $id) { id status } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeFaults('faults: PostgreSQL and Redis stop and come back', () => {
  let pg: PrivatePostgres;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let server: TestServer;
  beforeAll(async () => {
    pg = await startPostgres();
    redis = await startRedis();
    server = await startTestServer({ DATABASE_URL: pg.url, REDIS_URL: redis.url, DB_STATEMENT_TIMEOUT_MS: '1500', DB_POOL_SIZE: '6' });
    await server.setClock('2026-03-02T09:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await redis?.stop();
    pg?.destroy();
  });

  const ready = async () => (await fetch(`${server.url}/health/ready`)).status;

  test('PostgreSQL stops under load: fail fast with 503, recover alone, nothing lost, nothing applied twice', async () => {
    const players = await Promise.all(Array.from({ length: 4 }, () => directPlayer(server)));
    const OPS = 12;
    const seen = new Map<number, number>();
    const outageLatencies: number[] = [];
    const acknowledged = new Map<string, string[]>();
    let stopping = false;
    let recovered = false;

    /** Sends with one Idempotency-Key until the request is answered for good (retrying on 503/409/network). */
    const until = async (player: Player, query: string, variables: Record<string, unknown>): Promise<HttpResult> => {
      const key = randomUUID();
      for (let attempt = 0; attempt < 400; attempt++) {
        const started = Date.now();
        let res: HttpResult;
        try {
          res = await gql(server.graphqlUrl, query, variables, { token: player.client.accessToken, headers: { 'idempotency-key': key } });
        } catch {
          await sleep(100);
          continue;
        }
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (res.status === 503) {
          if (stopping) outageLatencies.push(Date.now() - started);
          expect(res.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        if (res.status === 503 || res.status === 409) {
          await sleep(100);
          continue;
        }
        return res;
      }
      throw new Error('no answer after 400 attempts');
    };

    const work = async (player: Player) => {
      const ids: string[] = [];
      acknowledged.set(player.id, ids);
      // At least OPS pairs, and on until PostgreSQL is back: the load always spans the outage.
      for (let i = 0; i < OPS || !recovered; i++) {
        const started = await until(player, START, { input: { plannedMinutes: 5 } });
        expect({ status: started.status, errors: started.body.errors }).toEqual({ status: 200, errors: undefined });
        const id = started.body.data.startSprint.id as string;
        ids.push(id);
        const abandoned = await until(player, ABANDON, { id });
        expect(abandoned.body.data.abandonSprint).toEqual({ id, status: 'ABANDONED' });
      }
    };

    const load = Promise.all(players.map(work));
    await sleep(400);
    stopping = true;
    pg.stop();
    await sleep(1_500);
    expect(await ready()).toBe(503);
    const during = await gql(server.graphqlUrl, '{ me { id } gameState { level } }', {}, { token: players[0].client.accessToken });
    expect(during.status).toBe(503);
    expect(during.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(during.text).not.toMatch(/ECONNREFUSED|terminat|SELECT|at .*\.js/);
    await sleep(1_000);
    pg.start();
    stopping = false;
    await eventually(async () => (await ready()) === 200, { timeoutMs: 30_000, what: 'ready again' });
    recovered = true;
    await load;

    expect(seen.get(503) ?? 0).toBeGreaterThan(0);
    expect(Math.max(...outageLatencies)).toBeLessThan(6_000);
    for (const player of players) {
      const rows = await server.app.db.query<{ id: string; status: string }>(
        'SELECT id, status FROM sprints WHERE user_id = $1 ORDER BY started_at',
        [player.id],
      );
      expect(rows.map((r) => r.id).sort()).toEqual([...(acknowledged.get(player.id) ?? [])].sort());
      expect(rows.length).toBeGreaterThanOrEqual(OPS);
      expect(rows.every((r) => r.status === 'ABANDONED')).toBe(true);
    }

    console.log(
      `statuses during the PostgreSQL outage run: ${JSON.stringify(Object.fromEntries(seen))}; slowest 503: ${Math.max(...outageLatencies)} ms`,
    );
  }, 120_000);

  test('a statement timeout bounds every query: a blocked mutation ends SERVICE_UNAVAILABLE, with no partial state', async () => {
    const player = await directPlayer(server);
    const locker = new Client({ connectionString: pg.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM characters WHERE user_id = $1 FOR UPDATE', [player.id]);
      const started = Date.now();
      const res = await gql(server.graphqlUrl, 'mutation { checkIn { xpGained } }', {}, { token: player.client.accessToken });
      const took = Date.now() - started;
      expect(res.status).toBe(503);
      expect(res.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(took).toBeGreaterThanOrEqual(1_400);
      expect(took).toBeLessThan(5_000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await server.app.db.query('SELECT 1 FROM check_ins WHERE user_id = $1', [player.id])).toHaveLength(0);
    const retry = await gql(server.graphqlUrl, 'mutation { checkIn { xpGained } }', {}, { token: player.client.accessToken });
    expect(retry.body.errors).toBeUndefined();
  }, 30_000);

  test('Redis stops: reads and mutations keep working, readiness reports it, and everything recovers', async () => {
    const player = await directPlayer(server);
    await redis.stop();
    await eventually(async () => (await ready()) === 503, { timeoutMs: 10_000, what: 'not ready without redis' });
    const body = (await (await fetch(`${server.url}/health/ready`)).json()) as { checks: unknown };
    expect(body.checks).toEqual({ database: 'ok', redis: 'down' });
    const mutation = await gql(server.graphqlUrl, 'mutation { checkIn { xpGained } }', {}, { token: player.client.accessToken });
    expect(mutation.status).toBe(200);
    expect(mutation.body.data.checkIn.xpGained).toBeGreaterThan(0);
    const read = await gql(server.graphqlUrl, '{ gameState { xp } }', {}, { token: player.client.accessToken });
    expect(read.body.data.gameState.xp).toBeGreaterThan(0);
    redis = await startRedis(redis.port);
    await eventually(async () => (await ready()) === 200, { timeoutMs: 20_000, what: 'ready with redis back' });
    await eventually(
      async () =>
        (await server.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM game_events WHERE published_at IS NULL'))[0].n === 0,
      { timeoutMs: 15_000, what: 'outbox drained' },
    );
  }, 60_000);
});
