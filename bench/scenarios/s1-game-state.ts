import { startApi, startScript, waitForHttp } from '../lib/api-process';
import { createBenchDatabase, REDIS_URL } from '../lib/bench-db';
import { playerWithHistory } from '../lib/history';
import { load } from '../lib/load';
import { machineCostPer, sampled } from '../lib/process-stats';
import { median, ratioOfMedians, round } from '../lib/stats';

const GAME_STATE = `{ gameState { today level xp xpIntoLevel xpToNextLevel energy fatigue loyalty checkedInToday
  stats { clarity discipline resilience } streak { current longest graceDays status lastCheckInDate expiresAt }
  todayIntention { id text status } activeSprint { id } recoveryQuest { id status }
  achievements { achievement { code } unlockedAt claimedAt } inventory { tool { code } quantity } } }`;

/** S1: gameState for a player with 90 days of history, 32 connections, against node:http + pg running the same SQL. */
export async function runS1(options: { rounds: number; seconds: number; connections: number; env: Record<string, string> }) {
  const db = await createBenchDatabase();
  const player = await playerWithHistory(db.url, 90, 4711);
  const api = await startApi({ DATABASE_URL: db.url, REDIS_URL, ...options.env }, 4712);
  const baseline = startScript('bench/baselines/plain-game-state.ts', {
    PORT: '4713',
    DATABASE_URL: db.url,
    BENCH_USER_ID: player.id,
    DB_POOL_SIZE: options.env.DB_POOL_SIZE ?? '8',
  });
  try {
    await waitForHttp('http://127.0.0.1:4713/');
    const login = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
        variables: { i: { email: player.email, password: player.password } },
      }),
    });
    const token = ((await login.json()) as any).data.login.accessToken as string;
    const apiRequest = {
      url: `${api.url}/graphql`,
      body: JSON.stringify({ query: GAME_STATE }),
      headers: { authorization: `Bearer ${token}` },
    };
    const baseRequest = { url: 'http://127.0.0.1:4713/', body: '{}' };
    const expectApi = await (
      await fetch(apiRequest.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...apiRequest.headers },
        body: apiRequest.body,
      })
    ).text();
    const expectBase = await (await fetch(baseRequest.url, { method: 'POST', body: '{}' })).text();
    if (!expectApi.includes('"gameState"') || expectApi.includes('"errors"')) throw new Error(`unexpected API body: ${expectApi}`);

    const run = { connections: options.connections, seconds: options.seconds };
    await load({ ...apiRequest, ...run, seconds: 3, expectBody: expectApi });
    await load({ ...baseRequest, ...run, seconds: 3, expectBody: expectBase });
    const apiRps: number[] = [];
    const baseRps: number[] = [];
    let errors = 0;
    let cpuCores = 0;
    let peakRssMb = 0;
    const apiMachineUs: number[] = [];
    const baseMachineUs: number[] = [];
    for (let i = 0; i < options.rounds; i++) {
      const { result: measured, usPerUnit: apiCost } = await machineCostPer(
        () => sampled(api.pid, () => load({ ...apiRequest, ...run, expectBody: expectApi })),
        (m) => m.result.rps * options.seconds,
      );
      const { result: base, usPerUnit: baseCost } = await machineCostPer(
        () => load({ ...baseRequest, ...run, expectBody: expectBase }),
        (b) => b.rps * options.seconds,
      );
      apiMachineUs.push(apiCost);
      baseMachineUs.push(baseCost);
      apiRps.push(measured.result.rps);
      baseRps.push(base.rps);
      errors += measured.result.errors + base.errors;
      cpuCores = Math.max(cpuCores, measured.cpuCores);
      peakRssMb = Math.max(peakRssMb, measured.peakRssMb);
      process.stdout.write(
        `  S1 round ${i + 1}/${options.rounds}: api ${round(measured.result.rps, 0)} req/s, baseline ${round(base.rps, 0)} req/s\n`,
      );
    }
    const halfRate = Math.round(median(baseRps) / 2);
    const p99s: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(options.rounds / 2)); i++) {
      const paced = await load({ ...apiRequest, ...run, expectBody: expectApi, overallRate: halfRate });
      p99s.push(paced.p99);
      errors += paced.errors;
    }
    return {
      apiRps: round(median(apiRps), 0),
      baselineRps: round(median(baseRps), 0),
      throughputRatio: ratioOfMedians(apiRps, baseRps),
      p99AtHalfBaselineMs: median(p99s),
      p99Runs: p99s,
      halfRate,
      errors,
      serverCpuCores: round(cpuCores),
      serverPeakRssMb: round(peakRssMb, 0),
      /** Machine CPU (every process on the box) per request. */
      machineCpuUsPerRequest: { api: median(apiMachineUs), baseline: median(baseMachineUs) },
    };
  } finally {
    baseline.kill('SIGTERM');
    await api.stop();
    await db.drop();
  }
}
