import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';

export interface TestServer {
  app: App;
  url: string;
  graphqlUrl: string;
  /** Sets the test clock to an instant. */
  setClock(iso: string): Promise<string>;
  /** Moves the test clock forward. */
  advance(seconds: number): Promise<string>;
  stop(): Promise<void>;
}

/** True when the suite runs on real PostgreSQL (DATABASE_URL); otherwise on embedded PGlite. */
export const onRealPostgres = Boolean(process.env.DATABASE_URL);

/**
 * Starts the whole API on a free port with the test clock: real PostgreSQL when DATABASE_URL is set
 * (shared by the test files, each using fresh users), otherwise a fresh embedded database.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xecution-test-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    TEST_CLOCK: '1',
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...env,
  });
  const app = await startApp(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  const post = async (body: unknown) => {
    const res = await fetch(`${app.url}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return ((await res.json()) as { now: string }).now;
  };
  return {
    app,
    url: app.url,
    graphqlUrl: `${app.url}/graphql`,
    setClock: (iso) => post({ now: iso }),
    advance: (seconds) => post({ advanceSeconds: seconds }),
    async stop() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
