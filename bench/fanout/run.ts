import { Client } from 'pg';

import { type ApiProcess, startApi, startScript, waitForHttp } from '../lib/api-process';
import { createBenchDatabase, createPlayers, REDIS_URL } from '../lib/bench-db';
import { rssBytes } from '../lib/process-stats';
import { median, round } from '../lib/stats';
import { FanoutClients, type FanoutStats } from './clients';

export interface FanoutOptions {
  clients: number;
  eventsPerSecond: number;
  seconds: number;
  rounds: number;
  rampPerSecond: number;
}

interface RoundResult {
  p50: number;
  p99: number;
  lost: number;
  duplicates: number;
  initTimeouts: number;
  unexpectedCloses: number;
  bytesPerClient?: number;
}

/** Inserts XP events for random players at a steady rate (the outbox relay publishes them). */
async function emitEvents(dbUrl: string, userIds: string[], rate: number, seconds: number): Promise<Map<string, number>> {
  const expected = new Map<string, number>();
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  const perTick = rate / 50;
  let carry = 0;
  const end = Date.now() + seconds * 1000;
  try {
    while (Date.now() < end) {
      const tickStart = Date.now();
      carry += perTick;
      const batch: string[] = [];
      for (; carry >= 1; carry--) batch.push(userIds[Math.floor(Math.random() * userIds.length)]);
      if (batch.length > 0) {
        await client.query(
          `INSERT INTO game_events (user_id, type, payload, occurred_at)
           SELECT u, 'XP_GAINED', '{"amount":10,"source":"BENCH","totalXp":10,"level":1}', clock_timestamp() FROM unnest($1::uuid[]) AS u`,
          [batch],
        );
        for (const id of batch) expected.set(id, (expected.get(id) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 20 - (Date.now() - tickStart))));
    }
  } finally {
    await client.end();
  }
  return expected;
}

function summarise(stats: FanoutStats, expectedTotal: number, perUserExpected?: Map<string, number>): RoundResult {
  let lost = expectedTotal - stats.received;
  if (perUserExpected) {
    lost = 0;
    for (const [user, count] of perUserExpected) lost += Math.max(0, count - (stats.perUser.get(user) ?? 0));
  }
  return {
    p50: stats.latency.getValueAtPercentile(50),
    p99: stats.latency.getValueAtPercentile(99),
    lost,
    duplicates: stats.duplicates,
    initTimeouts: stats.initTimeouts,
    unexpectedCloses: stats.unexpectedCloses,
  };
}

async function apiRound(
  api: ApiProcess,
  dbUrl: string,
  players: { id: string; token: string }[],
  options: FanoutOptions,
): Promise<RoundResult> {
  const before = rssBytes(api.pid);
  const clients = new FanoutClients(`${api.url.replace('http', 'ws')}/graphql`, 'graphql-ws');
  await clients.connect(
    players.map((p) => ({ userId: p.id, token: p.token })),
    options.rampPerSecond,
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const bytesPerClient = (rssBytes(api.pid) - before) / players.length;
  const expected = await emitEvents(
    dbUrl,
    players.map((p) => p.id),
    options.eventsPerSecond,
    options.seconds,
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  const result = { ...summarise(clients.stats, total, expected), bytesPerClient };
  await clients.close();
  return result;
}

async function baselineRound(port: number, players: { id: string }[], options: FanoutOptions): Promise<RoundResult> {
  const clients = new FanoutClients(`ws://127.0.0.1:${port}`, 'raw');
  await clients.connect(
    players.map((p) => ({ userId: p.id })),
    options.rampPerSecond,
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const sentBefore = ((await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { sent: number }).sent;
  await fetch(`http://127.0.0.1:${port}/emit?rate=${options.eventsPerSecond}&seconds=${options.seconds}`);
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000 + 2000));
  const sent = ((await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { sent: number }).sent - sentBefore;
  const result = summarise(clients.stats, sent);
  await clients.close();
  return result;
}

/** S4: the API's live fan-out against a bare ws broadcast, in alternating rounds after a warm-up. */
export async function runFanout(options: FanoutOptions, ports: { api: number; baseline: number }) {
  const db = await createBenchDatabase();
  let api: ApiProcess | null = null;
  const baseline = startScript('bench/baselines/ws-broadcast.ts', { PORT: String(ports.baseline) });
  try {
    api = await startApi({ DATABASE_URL: db.url, REDIS_URL, DB_POOL_SIZE: '4' }, ports.api);
    await waitForHttp(`http://127.0.0.1:${ports.baseline}/stats`);
    const players = await createPlayers(db.url, options.clients);
    const apiRounds: RoundResult[] = [];
    const baseRounds: RoundResult[] = [];
    const warm = { ...options, seconds: 2 };
    // Memory per client is read on the first connect into the fresh process (later rounds reuse its heap).
    const firstConnect = await apiRound(api, db.url, players, warm);
    await baselineRound(ports.baseline, players, warm);
    for (let i = 0; i < options.rounds; i++) {
      apiRounds.push(await apiRound(api, db.url, players, options));
      baseRounds.push(await baselineRound(ports.baseline, players, options));
      process.stdout.write(
        `  fan-out round ${i + 1}/${options.rounds}: api p99 ${apiRounds[i].p99} ms, baseline p99 ${baseRounds[i].p99} ms\n`,
      );
    }
    const sum = (rounds: RoundResult[], key: keyof RoundResult) => rounds.reduce((a, r) => a + (r[key] ?? 0), 0);
    return {
      clients: options.clients,
      eventsPerSecond: options.eventsPerSecond,
      api: {
        p50Ms: median(apiRounds.map((r) => r.p50)),
        p99Ms: median(apiRounds.map((r) => r.p99)),
        p99Spread: [Math.min(...apiRounds.map((r) => r.p99)), Math.max(...apiRounds.map((r) => r.p99))],
        lost: sum(apiRounds, 'lost'),
        duplicates: sum(apiRounds, 'duplicates'),
        initTimeouts: sum(apiRounds, 'initTimeouts'),
        unexpectedCloses: sum(apiRounds, 'unexpectedCloses'),
        kbPerClient: round((firstConnect.bytesPerClient ?? 0) / 1024, 1),
      },
      baseline: {
        p50Ms: median(baseRounds.map((r) => r.p50)),
        p99Ms: median(baseRounds.map((r) => r.p99)),
        lost: sum(baseRounds, 'lost'),
      },
    };
  } finally {
    await api?.stop();
    baseline.kill('SIGTERM');
    await db.drop();
  }
}

if (require.main === module) {
  const clients = Number(process.argv[2] ?? 1000);
  runFanout(
    { clients, eventsPerSecond: 500, seconds: 10, rounds: Number(process.env.BENCH_ROUNDS ?? 5), rampPerSecond: 1000 },
    { api: 4601, baseline: 4602 },
  )
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    });
}
