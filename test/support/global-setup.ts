import { ensureTemplate } from './pglite-template';

/** Jest's global setup: on the embedded defaults, one migrated PGlite template for every test server. */
async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) await ensureTemplate();
}

export = globalSetup;
