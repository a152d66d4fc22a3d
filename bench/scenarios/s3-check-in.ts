import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import autocannon from 'autocannon';

import { GAME_STATE_SQL } from '../../src/services/game-state.service';
import { ROOT, startApi } from '../lib/api-process';
import { createBenchDatabase, createPlayers, REDIS_URL, withClient } from '../lib/bench-db';
import { machineCostPer, sampled } from '../lib/process-stats';
import { median, ratioOfMedians, round } from '../lib/stats';

const run = promisify(execFile);
const CHECK_IN = JSON.stringify({
  query: 'mutation { checkIn(input: { mood: 4 }) { xpGained checkIn { id } gameState { xp streak { current } } } }',
});
const PGBENCH_PLAYERS = 50_000;

/** The pgbench players have ids derived from their number, as the script computes them. */
async function createPgbenchPlayers(dbUrl: string): Promise<void> {
  await withClient(dbUrl, async (client) => {
    const uuid = `('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid`;
    await client.query(
      `INSERT INTO users (id, email, password_hash, display_name) SELECT ${uuid}, 'pgbench-' || n || '@example.test', 'x', 'pgbench' FROM generate_series(1, $1) AS n`,
      [PGBENCH_PLAYERS],
    );
    await client.query(`INSERT INTO characters (user_id) SELECT ${uuid} FROM generate_series(1, $1) AS n`, [PGBENCH_PLAYERS]);
  });
}

/** The pgbench script: the API's check-in transaction, then its gameState read. */
function pgbenchScript(): string {
  const transaction = readFileSync(join(ROOT, 'bench/baselines/check-in.pgbench.sql'), 'utf8');
  const read = GAME_STATE_SQL.replace(/\s+/g, ' ').replace(
    'ANY($1::uuid[])',
    `ANY(ARRAY[('00000000-0000-4000-8000-' || lpad(to_hex(:n::bigint), 12, '0'))::uuid])`,
  );
  const file = join(tmpdir(), `xecution-check-in-${Date.now()}.sql`);
  writeFileSync(file, `${transaction}${read.trim()};\n`);
  return file;
}

async function pgbench(dbUrl: string, script: string, seconds: number, clients: number): Promise<number> {
  const { stdout } = await run('pgbench', [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(clients),
    '-j',
    '2',
    '-T',
    String(seconds),
    '-D',
    `players=${PGBENCH_PLAYERS}`,
    '-f',
    script,
    dbUrl,
  ]);
  const match = /tps = ([\d.]+)/.exec(stdout);
  if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(match[1]);
}

/** Check-ins through the API, each request a different player; returns successes per second. */
async function apiCheckIns(
  url: string,
  tokens: string[],
  seconds: number,
  connections: number,
): Promise<{ tps: number; ok: number; failed: number }> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[next++ % tokens.length]}` },
          body: CHECK_IN,
        }),
        onResponse: (status, body) => {
          if (status === 200 && body.includes('"xpGained":11')) ok++;
          else failed++;
        },
      },
    ],
  });
  if (next > tokens.length) throw new Error('not enough distinct players for this run');
  return { tps: ok / result.duration, ok, failed };
}

/** S3: checkIn across distinct players, 16 connections, against pgbench running the identical statements. */
export async function runS3(options: { rounds: number; seconds: number; connections: number; env: Record<string, string> }) {
  const db = await createBenchDatabase();
  const api = await startApi({ DATABASE_URL: db.url, REDIS_URL, ...options.env }, 4721);
  try {
    await createPgbenchPlayers(db.url);
    const players = await createPlayers(db.url, 60_000);
    const script = pgbenchScript();
    let offset = 0;
    const slice = () => {
      const tokens = players.slice(offset, offset + 12_000).map((p) => p.token);
      offset += 12_000;
      return tokens;
    };
    await apiCheckIns(
      api.url,
      players.slice(0, 2000).map((p) => p.token),
      2,
      options.connections,
    );
    offset = 2000;
    await pgbench(db.url, script, 2, options.connections);
    const apiTps: number[] = [];
    const baseTps: number[] = [];
    let successes = 0;
    let failures = 0;
    let cpuCores = 0;
    const apiMachineUs: number[] = [];
    const baseMachineUs: number[] = [];
    for (let i = 0; i < options.rounds; i++) {
      const { result: measured, usPerUnit: apiCost } = await machineCostPer(
        () => sampled(api.pid, () => apiCheckIns(api.url, slice(), options.seconds, options.connections)),
        (m) => m.result.ok,
      );
      const { result: base, usPerUnit: baseCost } = await machineCostPer(
        () => pgbench(db.url, script, options.seconds, options.connections),
        (tps) => tps * options.seconds,
      );
      apiMachineUs.push(apiCost);
      baseMachineUs.push(baseCost);
      apiTps.push(measured.result.tps);
      baseTps.push(base);
      successes += measured.result.ok;
      failures += measured.result.failed;
      cpuCores = Math.max(cpuCores, measured.cpuCores);
      process.stdout.write(
        `  S3 round ${i + 1}/${options.rounds}: api ${round(measured.result.tps, 0)} check-ins/s, pgbench ${round(base, 0)} tps\n`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const ids = players.map((p) => p.id);
    const integrity = await withClient(db.url, async (client) => {
      const count = async (sql: string) => Number((await client.query(sql, [ids])).rows[0].n);
      return {
        checkIns: await count('SELECT count(*) AS n FROM check_ins WHERE user_id = ANY($1::uuid[])'),
        ledgerRows: await count("SELECT count(*) AS n FROM xp_ledger WHERE source = 'CHECK_IN' AND user_id = ANY($1::uuid[])"),
        events: await count('SELECT count(*) AS n FROM game_events WHERE user_id = ANY($1::uuid[])'),
        playersWithTwo: await count(
          'SELECT count(*) AS n FROM (SELECT user_id FROM check_ins WHERE user_id = ANY($1::uuid[]) GROUP BY user_id HAVING count(*) > 1) t',
        ),
        xpMismatches: await count(
          'SELECT count(*) AS n FROM characters c WHERE c.user_id = ANY($1::uuid[]) AND c.xp <> (SELECT coalesce(sum(amount), 0) FROM xp_ledger l WHERE l.user_id = c.user_id)',
        ),
      };
    });
    const warmups = await withClient(db.url, async (client) =>
      Number((await client.query('SELECT count(*) AS n FROM check_ins WHERE user_id = ANY($1::uuid[])', [ids.slice(0, 2000)])).rows[0].n),
    );
    const measuredSuccesses = successes + warmups;
    return {
      apiCheckInsPerSecond: round(median(apiTps), 0),
      pgbenchTps: round(median(baseTps), 0),
      ratio: ratioOfMedians(apiTps, baseTps),
      failures,
      integrity: {
        ...integrity,
        successes: measuredSuccesses,
        // Requests still in flight when a round stops commit without being counted: at most one per connection.
        inFlightAtStop: integrity.checkIns - measuredSuccesses,
        exact:
          integrity.ledgerRows === integrity.checkIns &&
          integrity.events === 5 * integrity.checkIns &&
          integrity.playersWithTwo === 0 &&
          integrity.xpMismatches === 0 &&
          integrity.checkIns >= measuredSuccesses &&
          integrity.checkIns - measuredSuccesses <= options.connections * (options.rounds + 1),
      },
      serverCpuCores: round(cpuCores),
      /** Machine CPU (every process on the box) per check-in: where the ratio comes from on 2 shared cores. */
      machineCpuUsPerCheckIn: { api: median(apiMachineUs), pgbench: median(baseMachineUs) },
    };
  } finally {
    await api.stop();
    await db.drop();
  }
}
