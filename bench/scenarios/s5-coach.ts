import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ROOT } from '../lib/api-process';
import { createBenchDatabase, REDIS_URL } from '../lib/bench-db';

const run = promisify(execFile);

interface CoachResult {
  streams: number;
  failed: number;
  contentMismatches: number;
  tokenLatencyMs: { p50: number; p99: number };
  chunkLatencyMs: { p50: number; p99: number };
}

/** S5: 100 concurrent coach streams from a local OpenAI-compatible server, through the API on PostgreSQL + Redis. */
export async function runS5(): Promise<CoachResult> {
  const db = await createBenchDatabase();
  try {
    await run(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'bench/coach-stream/run.ts', '--streams', '100', '--tokens', '40'],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db.url, REDIS_URL },
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    return JSON.parse(readFileSync(join(ROOT, 'bench/results/coach-stream-postgresql-redis.json'), 'utf8')) as CoachResult;
  } finally {
    await db.drop();
  }
}
