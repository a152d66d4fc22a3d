import 'reflect-metadata';

import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { seedDemoOnFirstStart } from './services/demo-seed';

/** Entry point: `npm start`. Bad configuration stops the server with one line naming the variable. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config);
  if (!config.databaseUrl && config.env !== 'production') {
    // The first embedded start gets demo data (a mentor and three mentees): `npm run seed` does it on demand.
    seedDemoOnFirstStart(app.services, app.db, app.log, (text) => process.stdout.write(text)).catch((err: unknown) =>
      app.log.error({ err }, 'demo seed failed'),
    );
  }
  const shutdown = (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => process.exit(1), 10_000);
    deadline.unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Xecution failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
