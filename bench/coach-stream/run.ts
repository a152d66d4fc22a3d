/**
 * S5, coach streams: N concurrent replies from a local OpenAI-compatible server (300 ms to the first
 * token, then one token every 30 ms), through the API (its own process, compiled, production mode) to
 * graphql-ws subscribers, against the same server's streams read directly with the `openai` client.
 * Rounds alternate between the two after a warm-up; every stream is validated (each token once, in
 * order; deltas add up to the final content; status COMPLETE).
 *
 *   time to first token: request sent (askCoach, or the completion request) → first token received
 *   per chunk: the newest token it carries written by the provider → chunk received
 *
 * The fake provider runs in this process, so a token's write and its arrival are read from one clock.
 * Uses DATABASE_URL and REDIS_URL when set (embedded PGlite and the in-process bus otherwise).
 * Usage: npm run bench:coach [-- --streams 100 --tokens 100 --rounds 5 --ramp-ms 1000 --quiet]
 * (BENCH_API_ENV: JSON of extra environment for the API, e.g. '{"COACH_FLUSH_MS":"50"}').
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Client, createClient } from 'graphql-ws';
import { OpenAI } from 'openai';
import WebSocket from 'ws';

import { FakeOpenAI } from '../../test/support/fake-openai';
import { startApi } from '../lib/api-process';
import { sampled } from '../lib/process-stats';
import { median, round, type Spread, spread } from '../lib/stats';
import { apiRound, directRound, type RoundPlan, type RoundSamples, type StreamCheck } from './streams';

export interface CoachBenchOptions {
  streams: number;
  tokens: number;
  /** Measured rounds (each: one direct run and one API run), after one warm-up round. */
  rounds: number;
  /** Streams start evenly over this many milliseconds (the same schedule for both). */
  rampMs: number;
  port: number;
  databaseUrl?: string;
  redisUrl?: string;
  /** Extra environment for the API (raised rate limits). */
  env: Record<string, string>;
}

const FIRST_TOKEN_MS = 300;
const TOKEN_MS = 30;

interface Percentiles {
  p50: number;
  p99: number;
}

interface RoundFigures {
  direct: { ttftMs: Percentiles; lagMs: Percentiles; gapMs: Percentiles; toProviderMs: Percentiles; firstTokenLagMs: Percentiles };
  api: {
    ttftMs: Percentiles;
    /** Time to first token, split: askCoach round trip; askCoach sent → provider request; first token written → received. */
    askMs: Percentiles;
    toProviderMs: Percentiles;
    firstTokenLagMs: Percentiles;
    lagMs: Percentiles;
    gapMs: Percentiles;
    chunks: number;
    caughtUp: number;
    cpuCores: number;
    peakRssMb: number;
    eventLoopP99Ms: number;
  };
  addedTtftP99Ms: number;
  addedChunkP99Ms: number;
}

export interface CoachBenchResult {
  streams: number;
  tokensPerStream: number;
  rampMs: number;
  rounds: number;
  provider: { firstTokenMs: number; tokenMs: number };
  database: 'postgresql' | 'embedded';
  bus: 'redis' | 'in-process';
  /** API p99 minus direct p99, per round: median and spread over the rounds. */
  addedTtftP99Ms: Spread;
  addedChunkP99Ms: Spread;
  /** Medians over the rounds of each side's own percentiles. */
  medians: {
    directTtftMs: Percentiles;
    apiTtftMs: Percentiles;
    directLagMs: Percentiles;
    apiLagMs: Percentiles;
    directGapMs: Percentiles;
    apiGapMs: Percentiles;
    apiChunksPerRound: number;
  };
  /** Medians over the rounds: where the time to first token goes (see RoundFigures). */
  ttftBreakdownMs: Record<'apiAsk' | 'apiToProvider' | 'directToProvider' | 'apiFirstTokenLag' | 'directFirstTokenLag', Percentiles>;
  /** Summed over every measured and warm-up stream of both sides. */
  validation: { api: StreamCheck; direct: StreamCheck; caughtUpChunks: number };
  server: { cpuCores: number; peakRssMb: number; eventLoopP99Ms: number };
  perRound: RoundFigures[];
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const percentiles = (values: number[]): Percentiles => ({ p50: round(percentile(values, 50)), p99: round(percentile(values, 99)) });

async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The server's event-loop delay p99 since the previous scrape (prom-client resets its histogram on each). */
async function eventLoopP99Ms(apiUrl: string): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  const match = /^xecution_nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text);
  return match ? round(Number(match[1]) * 1000) : Number.NaN;
}

function addChecks(into: StreamCheck, from: StreamCheck): void {
  into.streams += from.streams;
  into.lost += from.lost;
  into.reordered += from.reordered;
  into.failed += from.failed;
  into.mismatched += from.mismatched;
}

export async function runCoachStreams(options: CoachBenchOptions): Promise<CoachBenchResult> {
  const fake = await new FakeOpenAI({ kind: 'echo', count: options.tokens, firstTokenMs: FIRST_TOKEN_MS, tokenMs: TOKEN_MS }).start();
  const writtenAt = new Map<string, number>();
  fake.onToken = (token, at) => writtenAt.set(token.trim(), at);
  const api = await startApi(
    {
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_MODEL: 'bench',
      ...options.env,
    },
    options.port,
  );
  const graphqlUrl = `${api.url}/graphql`;
  const sockets: { client: Client; token: string }[] = [];
  try {
    const users = Math.min(options.streams, 25);
    const tokens: string[] = [];
    for (let u = 0; u < users; u++) {
      const data = await gql(graphqlUrl, 'mutation R($input: RegisterInput!) { register(input: $input) { accessToken } }', {
        input: { email: `coach-bench-${Date.now()}-${u}@example.test`, password: 'correct horse battery', displayName: `Bench ${u}` },
      });
      tokens.push(data.register.accessToken as string);
    }
    // One socket per stream, connected before the first round (as a client that opened the app earlier).
    for (let s = 0; s < options.streams; s++) {
      const token = tokens[s % users];
      await new Promise<void>((resolve, reject) => {
        const client = createClient({
          url: `${api.url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}` },
          lazy: false,
          retryAttempts: 0,
          on: { connected: () => resolve(), error: reject },
        });
        sockets.push({ client, token });
      });
    }
    const direct = new OpenAI({ apiKey: 'bench', baseURL: fake.baseUrl, maxRetries: 0 });
    const requestedAt = new Map<string, number>();
    const plan = (tag: string): RoundPlan => ({
      tag,
      streams: options.streams,
      tokens: options.tokens,
      rampMs: options.rampMs,
      writtenAt,
      requestedAt: (id) => {
        for (const request of fake.requests.splice(0)) requestedAt.set(String(request.body.messages?.at(-1)?.content), request.receivedAt);
        const at = requestedAt.get(id);
        requestedAt.delete(id);
        return at;
      },
    });
    const checks = { api: emptyCheck(), direct: emptyCheck(), caughtUp: 0 };
    const runDirect = async (tag: string) => {
      const samples = await directRound(direct, plan(tag));
      addChecks(checks.direct, samples.check);
      return samples;
    };
    const runApi = async (tag: string) => {
      await eventLoopP99Ms(api.url);
      const measured = await sampled(api.pid, () => apiRound(graphqlUrl, sockets, plan(tag)));
      addChecks(checks.api, measured.result.check);
      checks.caughtUp += measured.result.caughtUp;
      return { ...measured, eventLoopP99Ms: await eventLoopP99Ms(api.url) };
    };

    await runApi('wa');
    await runDirect('wd');
    const perRound: RoundFigures[] = [];
    for (let r = 1; r <= options.rounds; r++) {
      // Alternate which side goes first, so neither always runs on the machine the other just warmed.
      let d: RoundSamples;
      let a: Awaited<ReturnType<typeof runApi>>;
      if (r % 2) {
        d = await runDirect(`d${r}`);
        a = await runApi(`a${r}`);
      } else {
        a = await runApi(`a${r}`);
        d = await runDirect(`d${r}`);
      }
      writtenAt.clear();
      const figures: RoundFigures = {
        direct: {
          ttftMs: percentiles(d.ttftMs),
          lagMs: percentiles(d.lagMs),
          gapMs: percentiles(d.gapMs),
          toProviderMs: percentiles(d.toProviderMs),
          firstTokenLagMs: percentiles(d.firstTokenLagMs),
        },
        api: {
          ttftMs: percentiles(a.result.ttftMs),
          askMs: percentiles(a.result.askMs),
          toProviderMs: percentiles(a.result.toProviderMs),
          firstTokenLagMs: percentiles(a.result.firstTokenLagMs),
          lagMs: percentiles(a.result.lagMs),
          gapMs: percentiles(a.result.gapMs),
          chunks: a.result.chunks,
          caughtUp: a.result.caughtUp,
          cpuCores: round(a.cpuCores),
          peakRssMb: round(a.peakRssMb, 0),
          eventLoopP99Ms: a.eventLoopP99Ms,
        },
        addedTtftP99Ms: 0,
        addedChunkP99Ms: 0,
      };
      figures.addedTtftP99Ms = round(figures.api.ttftMs.p99 - figures.direct.ttftMs.p99);
      figures.addedChunkP99Ms = round(figures.api.lagMs.p99 - figures.direct.lagMs.p99);
      perRound.push(figures);
      process.stdout.write(
        `  S5 round ${r}/${options.rounds}: TTFT p99 api ${figures.api.ttftMs.p99} / direct ${figures.direct.ttftMs.p99} ms; ` +
          `per chunk p99 api ${figures.api.lagMs.p99} / direct ${figures.direct.lagMs.p99} ms; ` +
          `server ${figures.api.cpuCores} cores, loop p99 ${figures.api.eventLoopP99Ms} ms\n`,
      );
    }
    const over = (pick: (f: RoundFigures) => number) => round(median(perRound.map(pick)));
    return {
      streams: options.streams,
      tokensPerStream: options.tokens,
      rampMs: options.rampMs,
      rounds: options.rounds,
      provider: { firstTokenMs: FIRST_TOKEN_MS, tokenMs: TOKEN_MS },
      database: options.databaseUrl ? 'postgresql' : 'embedded',
      bus: options.redisUrl ? 'redis' : 'in-process',
      addedTtftP99Ms: spread(perRound.map((f) => f.addedTtftP99Ms)),
      addedChunkP99Ms: spread(perRound.map((f) => f.addedChunkP99Ms)),
      medians: {
        directTtftMs: { p50: over((f) => f.direct.ttftMs.p50), p99: over((f) => f.direct.ttftMs.p99) },
        apiTtftMs: { p50: over((f) => f.api.ttftMs.p50), p99: over((f) => f.api.ttftMs.p99) },
        directLagMs: { p50: over((f) => f.direct.lagMs.p50), p99: over((f) => f.direct.lagMs.p99) },
        apiLagMs: { p50: over((f) => f.api.lagMs.p50), p99: over((f) => f.api.lagMs.p99) },
        directGapMs: { p50: over((f) => f.direct.gapMs.p50), p99: over((f) => f.direct.gapMs.p99) },
        apiGapMs: { p50: over((f) => f.api.gapMs.p50), p99: over((f) => f.api.gapMs.p99) },
        apiChunksPerRound: over((f) => f.api.chunks),
      },
      ttftBreakdownMs: {
        apiAsk: { p50: over((f) => f.api.askMs.p50), p99: over((f) => f.api.askMs.p99) },
        apiToProvider: { p50: over((f) => f.api.toProviderMs.p50), p99: over((f) => f.api.toProviderMs.p99) },
        directToProvider: { p50: over((f) => f.direct.toProviderMs.p50), p99: over((f) => f.direct.toProviderMs.p99) },
        apiFirstTokenLag: { p50: over((f) => f.api.firstTokenLagMs.p50), p99: over((f) => f.api.firstTokenLagMs.p99) },
        directFirstTokenLag: { p50: over((f) => f.direct.firstTokenLagMs.p50), p99: over((f) => f.direct.firstTokenLagMs.p99) },
      },
      validation: { api: checks.api, direct: checks.direct, caughtUpChunks: checks.caughtUp },
      server: {
        cpuCores: over((f) => f.api.cpuCores),
        peakRssMb: Math.max(...perRound.map((f) => f.api.peakRssMb)),
        eventLoopP99Ms: over((f) => f.api.eventLoopP99Ms),
      },
      perRound,
    };
  } finally {
    for (const { client } of sockets) await client.dispose();
    await api.stop();
    await fake.stop();
  }
}

function emptyCheck(): StreamCheck {
  return { streams: 0, lost: 0, reordered: 0, failed: 0, mismatched: 0 };
}

/** True when every stream of both sides was whole, in order, and COMPLETE. */
export function streamsValid(result: CoachBenchResult): boolean {
  const { api, direct } = result.validation;
  return [api, direct].every((c) => c.lost === 0 && c.reordered === 0 && c.failed === 0 && c.mismatched === 0);
}

/** Where the CLI writes its result (the S5 scenario reads it back). */
export const resultFile = (database: string, bus: string) => join(__dirname, '..', 'results', `coach-stream-${database}-${bus}.json`);

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const result = await runCoachStreams({
    streams: arg('streams', 100),
    tokens: arg('tokens', 100),
    rounds: arg('rounds', Number(process.env.BENCH_ROUNDS ?? 5)),
    rampMs: arg('ramp-ms', 1000),
    port: arg('port', 4781),
    databaseUrl: process.env.DATABASE_URL || undefined,
    redisUrl: process.env.REDIS_URL || undefined,
    env: {
      RATE_LIMIT_IP: '1000000',
      RATE_LIMIT_READS: '1000000',
      RATE_LIMIT_MUTATIONS: '1000000',
      LOGIN_RATE_LIMIT_IP: '100000',
      COACH_RATE_LIMIT: '10000',
      ...JSON.parse(process.env.BENCH_API_ENV ?? '{}'),
    },
  });
  const valid = streamsValid(result);
  if (!process.argv.includes('--quiet')) console.log(JSON.stringify({ ...result, perRound: undefined, valid }, null, 2));
  mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
  writeFileSync(resultFile(result.database, result.bus), `${JSON.stringify({ ...result, valid }, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
