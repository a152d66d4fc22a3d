import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

import type { CoachBenchResult } from '../coach-stream/run';
import { resultFile } from '../coach-stream/run';
import { ROOT } from '../lib/api-process';
import { createBenchDatabase, REDIS_URL } from '../lib/bench-db';

/**
 * S5: 100 concurrent coach streams from a local OpenAI-compatible server through the API (its own process,
 * on PostgreSQL + Redis) against the same server's streams read directly, in alternating rounds. The
 * driver runs as a child process of its own, so its event loop carries nothing from earlier scenarios.
 */
export async function runS5(options: { rounds: number; env: Record<string, string> }): Promise<CoachBenchResult & { valid: boolean }> {
  const db = await createBenchDatabase();
  try {
    const args = ['--streams', '100', '--tokens', '100', '--rounds', String(options.rounds), '--quiet'];
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bench/coach-stream/run.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL, BENCH_API_ENV: JSON.stringify(options.env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => process.stdout.write(`${line}\n`));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`coach bench exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    return JSON.parse(readFileSync(resultFile('postgresql', 'redis'), 'utf8')) as CoachBenchResult & { valid: boolean };
  } finally {
    await db.drop();
  }
}
