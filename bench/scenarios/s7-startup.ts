import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startApi } from '../lib/api-process';
import { createBenchDatabase } from '../lib/bench-db';
import { spread } from '../lib/stats';

/** S7: spawn to first answer of /health/ready, after install with migrations already applied. */
export async function runS7(options: { rounds: number }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'xecution-startup-'));
  const db = await createBenchDatabase();
  try {
    const embedded = { DATA_DIR: dataDir, NODE_ENV: 'development' };
    const postgres = { DATABASE_URL: db.url };
    // First starts apply migrations (and, embedded, the demo data); they are not measured.
    await (await startApi(embedded, 4731)).stop();
    await (await startApi(postgres, 4732)).stop();
    const embeddedMs: number[] = [];
    const postgresMs: number[] = [];
    for (let i = 0; i < options.rounds; i++) {
      const a = await startApi(embedded, 4731);
      embeddedMs.push(a.readyMs);
      await a.stop();
      const b = await startApi(postgres, 4732);
      postgresMs.push(b.readyMs);
      await b.stop();
    }
    return { embeddedMs: spread(embeddedMs), postgresMs: spread(postgresMs) };
  } finally {
    await db.drop();
  }
}
