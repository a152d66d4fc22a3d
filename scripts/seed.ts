import 'reflect-metadata';

import { startApp } from '../src/app';
import { ConfigError, loadConfig } from '../src/config';
import { DemoSeed, describeLogins } from '../src/services/demo-seed';

/** `npm run seed`: the demo mentor and three mentees with 60 days of history. Safe to run twice. */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const app = await startApp(config);
  try {
    const { created, logins } = await new DemoSeed(app.services, app.db, app.log).run();
    console.log(created ? 'Demo data created.' : 'Demo data already present: nothing written.');
    console.log(describeLogins(logins));
  } finally {
    await app.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
