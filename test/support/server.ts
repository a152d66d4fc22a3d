import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { type App, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/lib/logger';
import { copyTemplateInto } from './pglite-template';

export interface TestServer {
  app: App;
  url: string;
  graphqlUrl: string;
  /** Sets the test clock to an instant. */
  setClock(iso: string): Promise<string>;
  /** Moves the test clock forward. */
  advance(seconds: number): Promise<string>;
  /** Sets the test clock and answers how many due jobs ran before the route answered. */
  moveClock(body: { now: string } | { advanceSeconds: number }): Promise<{ now: string; jobsRun: number }>;
  stop(): Promise<void>;
}

/** True when the suite runs on real PostgreSQL (DATABASE_URL); otherwise on embedded PGlite. */
export const onRealPostgres = Boolean(process.env.DATABASE_URL);

export interface TestServerOptions {
  /**
   * A database of its own on the PostgreSQL server of DATABASE_URL, dropped at stop. Required when the
   * server brings its own broker (REDIS_URL): instances sharing a database must share a broker, or one
   * instance's outbox relay would publish the others' events where their subscribers never listen.
   */
  isolatedDatabase?: boolean;
  /** The app's logger (default: silent, or TEST_LOG_LEVEL); tests that read the logs pass their own. */
  log?: Logger;
}

/**
 * Starts the whole API on a free port with the test clock: real PostgreSQL when DATABASE_URL is set
 * (shared by the test files, each using fresh users), otherwise a fresh embedded database.
 */
export async function startTestServer(env: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'xecution-test-'));
  const isolated = options.isolatedDatabase && onRealPostgres ? await createIsolatedDatabase() : null;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    TEST_CLOCK: '1',
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...(isolated ? { DATABASE_URL: isolated.url } : {}),
    // A database shared by several test files is shared by several test clocks: only a server with a
    // database of its own (isolated, or embedded) runs due jobs; the others only enqueue them.
    ...(onRealPostgres && !isolated ? { JOBS_WORKERS: '0' } : {}),
    ...env,
  });
  // Embedded: start from the migrated template instead of initdb plus every migration (most of a start).
  if (!config.databaseUrl) copyTemplateInto(dataDir);
  const app = await startApp(config, options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  const post = async (body: unknown) => {
    const res = await fetch(`${app.url}/test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { now: string; jobsRun: number };
  };
  return {
    app,
    url: app.url,
    graphqlUrl: `${app.url}/graphql`,
    setClock: async (iso) => (await post({ now: iso })).now,
    advance: async (seconds) => (await post({ advanceSeconds: seconds })).now,
    moveClock: post,
    async stop() {
      await app.stop();
      await isolated?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database next to DATABASE_URL's, for a test that must not share the outbox. */
export async function createIsolatedDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL as string);
  const name = `xecution_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: base.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
