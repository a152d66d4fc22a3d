/**
 * Coach relay latency: 100 concurrent replies from a fake OpenAI-compatible provider (300 ms to the first
 * token, then one token every 30 ms) streamed through the API to graphql-ws subscribers. For every token
 * the provider writes, we time when a subscriber receives the chunk that carries it.
 *
 *   token latency: provider write → subscriber receive (includes the relay's coalescing window)
 *   chunk latency: the newest token of a chunk → subscriber receive (the relay's own overhead: openai client,
 *                  store-before-publish, bus, socket)
 *
 * Runs on embedded PGlite and the in-process bus by default; set DATABASE_URL and REDIS_URL for the
 * production parts. Usage: npm run bench:coach [-- --streams 100 --tokens 40]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';
import { FakeOpenAI } from '../../test/coach/fake-openai';
import { round } from '../lib/stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STREAMS = arg('streams', 100);
const TOKENS = arg('tokens', 40);
const USERS = Math.min(STREAMS, 20);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

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

async function main(): Promise<void> {
  const fake = await new FakeOpenAI({ kind: 'echo', count: TOKENS, firstTokenMs: 300, tokenMs: 30 }).start();
  const sentAt = new Map<string, number>();
  fake.onToken = (token, at) => sentAt.set(token.trim(), at);
  const dataDir = mkdtempSync(join(tmpdir(), 'xecution-bench-coach-'));
  const app = await startApp(
    loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dataDir,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-01',
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: fake.baseUrl,
      COACH_RATE_LIMIT: '10000',
    }),
    createLogger('warn'),
  );
  const graphqlUrl = `${app.url}/graphql`;
  try {
    const tokens: string[] = [];
    for (let u = 0; u < USERS; u++) {
      const data = await gql(graphqlUrl, 'mutation R($input: RegisterInput!) { register(input: $input) { accessToken } }', {
        input: { email: `bench-${Date.now()}-${u}@example.test`, password: 'correct horse battery', displayName: `Bench ${u}` },
      });
      tokens.push(data.register.accessToken);
    }
    const clients = tokens.map((token) =>
      createClient({
        url: `${app.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      }),
    );

    const tokenLatency: number[] = [];
    const chunkLatency: number[] = [];
    let chunks = 0;
    let mismatched = 0;
    let failed = 0;
    let caughtUp = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: STREAMS }, async (_, s) => {
        const u = s % USERS;
        const tag = `s${s}`;
        const { askCoach } = await gql(
          graphqlUrl,
          'mutation A($input: AskCoachInput!) { askCoach(input: $input) { id } }',
          { input: { message: tag } },
          tokens[u],
        );
        let text = '';
        const subscribedAt = Date.now();
        await new Promise<void>((resolve, reject) => {
          const stop = clients[u].subscribe<{ coachStream: { delta: string; done: boolean; content: string | null; status: string } }>(
            {
              query: 'subscription S($id: ID!) { coachStream(messageId: $id) { delta done content status } }',
              variables: { id: askCoach.id },
            },
            {
              next: ({ data }) => {
                const now = Date.now();
                const chunk = data!.coachStream;
                text += chunk.delta;
                const carried = chunk.delta.split(' ').filter((t) => t.length > 0);
                // Tokens the provider wrote before this subscriber arrived come as catch-up, not live: not timed.
                const live = carried.filter((t) => (sentAt.get(t) ?? 0) >= subscribedAt);
                caughtUp += carried.length - live.length;
                if (live.length > 0) {
                  chunks++;
                  for (const t of live) tokenLatency.push(now - (sentAt.get(t) as number));
                  chunkLatency.push(now - (sentAt.get(live[live.length - 1]) as number));
                }
                if (chunk.done) {
                  if (chunk.status !== 'COMPLETE') failed++;
                  if (chunk.content !== text) mismatched++;
                  stop();
                  resolve();
                }
              },
              error: reject,
              complete: () => resolve(),
            },
          );
        });
      }),
    );
    const wallMs = Date.now() - started;
    for (const client of clients) await client.dispose();
    const result = {
      streams: STREAMS,
      tokensPerStream: TOKENS,
      provider: { firstTokenMs: 300, tokenMs: 30 },
      database: process.env.DATABASE_URL ? 'postgresql' : 'embedded',
      bus: process.env.REDIS_URL ? 'redis' : 'in-process',
      flushMs: app.config.coach.flushMs,
      wallMs,
      chunks,
      tokensTimed: tokenLatency.length,
      tokensCaughtUp: caughtUp,
      failed,
      contentMismatches: mismatched,
      tokenLatencyMs: {
        p50: round(percentile(tokenLatency, 50)),
        p99: round(percentile(tokenLatency, 99)),
        max: Math.max(...tokenLatency),
      },
      chunkLatencyMs: {
        p50: round(percentile(chunkLatency, 50)),
        p99: round(percentile(chunkLatency, 99)),
        max: Math.max(...chunkLatency),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, '..', 'results', `coach-stream-${result.database}-${result.bus}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    await app.stop();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
