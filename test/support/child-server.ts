import 'reflect-metadata';

import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';

/** Runs the API in its own process (for multi-instance tests); prints `READY <url>` when listening. */
async function main(): Promise<void> {
  const app = await startApp(loadConfig(), createLogger(process.env.LOG_LEVEL ?? 'silent'));
  process.stdout.write(`READY ${app.url}\n`);
  process.once('SIGTERM', () => {
    const started = Date.now();
    void app.stop().then(() => {
      process.stdout.write(`STOPPED ${Date.now() - started}\n`);
      process.exit(0);
    });
  });
}

void main();
