import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runFanout } from './fanout/run';
import { ROOT } from './lib/api-process';
import { round } from './lib/stats';
import { runS1 } from './scenarios/s1-game-state';
import { runS2 } from './scenarios/s2-statements';
import { runS3 } from './scenarios/s3-check-in';
import { runS5 } from './scenarios/s5-coach';
import { runS6 } from './scenarios/s6-soak';
import { runS7 } from './scenarios/s7-startup';

/**
 * `npm run bench [S1 S3 …]`: every scenario (or those named) against its baseline in alternating
 * rounds after a warm-up, one table at the end, and bench/results/latest.json.
 * BENCH_ROUNDS (5), BENCH_SECONDS (5), BENCH_FANOUT_CLIENTS (5000), BENCH_SOAK_SECONDS (600).
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
// Benchmarks measure the real configuration, with rate limits raised above the load they generate.
const env = { RATE_LIMIT_IP: '1000000', RATE_LIMIT_READS: '1000000', RATE_LIMIT_MUTATIONS: '1000000', COACH_RATE_LIMIT: '10000' };

type Row = [scenario: string, measured: string, target: string, verdict: string];

async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2).map((s) => s.toUpperCase()));
  const want = (id: string) => wanted.size === 0 || wanted.has(id);
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), rounds, seconds };
  const rows: Row[] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  /** Runs one scenario; a failure is a row of the table, not the end of the suite. */
  const scenario = async (id: string, name: string, body: () => Promise<void>) => {
    if (!want(id)) return;
    process.stdout.write(`${id} ${name}…\n`);
    try {
      await body();
    } catch (err) {
      results[id] = { error: err instanceof Error ? err.message : String(err) };
      rows.push([
        `${id} ${name}`,
        `failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 120)}`,
        '—',
        'FAILED',
      ]);
    }
  };

  await scenario('S1', 'gameState', async () => {
    const s1 = await runS1({ rounds, seconds, connections: 32, env });
    results.S1 = s1;
    rows.push([
      'S1 gameState, 32 conns',
      `${s1.apiRps} req/s = ${round(s1.throughputRatio.ratio)}× baseline (${round(s1.throughputRatio.min)}–${round(s1.throughputRatio.max)}); p99 ${s1.p99AtHalfBaselineMs} ms @ ${s1.halfRate} req/s; errors ${s1.errors}; machine CPU/request ${s1.machineCpuUsPerRequest.api} vs ${s1.machineCpuUsPerRequest.baseline} µs`,
      '≥ 0.55×; p99 ≤ 15 ms',
      verdict(s1.throughputRatio.ratio >= 0.55 && s1.p99AtHalfBaselineMs <= 15 && s1.errors === 0),
    ]);
  });
  await scenario('S2', 'statements', async () => {
    const s2 = await runS2();
    results.S2 = s2;
    rows.push([
      'S2 SQL statements',
      `gameState ${s2.gameState}; checkIn ${s2.checkIn}; mentees 5→${s2.mentees5}, 50→${s2.mentees50}`,
      'gameState ≤ 6; 5 = 50',
      verdict(s2.gameState <= 6 && s2.mentees5 === s2.mentees50),
    ]);
  });
  await scenario('S3', 'checkIn', async () => {
    const s3 = await runS3({ rounds, seconds, connections: 16, env });
    results.S3 = s3;
    rows.push([
      'S3 checkIn, 16 conns',
      `${s3.apiCheckInsPerSecond}/s = ${round(s3.ratio.ratio)}× pgbench ${s3.pgbenchTps} tps (${round(s3.ratio.min)}–${round(s3.ratio.max)}); rows exact: ${s3.integrity.exact}; machine CPU/check-in ${s3.machineCpuUsPerCheckIn.api} vs ${s3.machineCpuUsPerCheckIn.pgbench} µs`,
      '≥ 0.6×; 1 row each',
      verdict(s3.ratio.ratio >= 0.6 && s3.integrity.exact),
    ]);
  });
  await scenario('S4', 'fan-out', async () => {
    const clients = Number(process.env.BENCH_FANOUT_CLIENTS ?? 5000);
    const s4 = await runFanout({ clients, eventsPerSecond: 500, seconds: 10, rounds, rampPerSecond: 1000 }, { api: 4761, baseline: 4762 });
    results.S4 = s4;
    const a = s4.api;
    rows.push([
      `S4 fan-out, ${clients} clients`,
      `p50 ${a.p50Ms} / p99 ${a.p99Ms} ms (baseline ${s4.baseline.p99Ms}); lost ${a.lost}, dup ${a.duplicates}; ${a.kbPerClient} KB/client; init timeouts ${a.initTimeouts}`,
      'p99 ≤ 100 ms; 0/0; ≤ 40 KB',
      verdict(a.p99Ms <= 100 && a.lost === 0 && a.duplicates === 0 && a.kbPerClient <= 40 && a.initTimeouts === 0),
    ]);
  });
  await scenario('S5', 'coach streams', async () => {
    const s5 = await runS5({ rounds, env });
    results.S5 = s5;
    const { addedTtftP99Ms: ttft, addedChunkP99Ms: chunk } = s5;
    const api = s5.validation.api;
    rows.push([
      'S5 coach, 100 streams',
      `added TTFT p99 ${ttft.median} ms (${ttft.min}–${ttft.max}); added per chunk p99 ${chunk.median} ms (${chunk.min}–${chunk.max}); lost ${api.lost}, reordered ${api.reordered}, failed ${api.failed}, mismatched ${api.mismatched}`,
      'TTFT ≤ +25 ms; chunk ≤ +20 ms; 0 lost',
      verdict(ttft.median <= 25 && chunk.median <= 20 && s5.valid),
    ]);
  });
  await scenario('S6', 'soak', async () => {
    const soak = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
    const s6 = await runS6({ seconds: soak, env });
    results.S6 = s6;
    rows.push([
      `S6 soak ${soak} s`,
      `RSS ${s6.rssFirstMinuteMb}→${s6.rssEndMb} MB (${round(s6.rssGrowth * 100, 1)}%); ${s6.requests} requests, errors ${s6.errors}; disconnects ${s6.unexpectedDisconnects}; live events ${s6.eventsDelivered}/${s6.eventsCommitted}, dup ${s6.eventsDuplicated}`,
      '≤ 10%; 0; 0; all, once',
      verdict(
        s6.rssGrowth <= 0.1 &&
          s6.errors === 0 &&
          s6.unexpectedDisconnects === 0 &&
          s6.eventsDelivered === s6.eventsCommitted &&
          s6.eventsDuplicated === 0,
      ),
    ]);
  });
  await scenario('S7', 'start-up', async () => {
    const s7 = await runS7({ rounds });
    results.S7 = s7;
    rows.push([
      'S7 start-up to ready',
      `embedded ${s7.embeddedMs.median} ms (${s7.embeddedMs.min}–${s7.embeddedMs.max}); PostgreSQL ${s7.postgresMs.median} ms (${s7.postgresMs.min}–${s7.postgresMs.max})`,
      '≤ 5 s; ≤ 3 s',
      verdict(s7.embeddedMs.median <= 5000 && s7.postgresMs.median <= 3000),
    ]);
  });

  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['scenario', 'measured', 'target', 'verdict'], ...rows].map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(
    `\n${line(['scenario', 'measured', 'target', 'verdict'])}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`,
  );
  process.stdout.write('\nwrote bench/results/latest.json\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
