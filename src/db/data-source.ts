import { join } from 'node:path';

import { types as pgTypes } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

import { entities } from '../entities';
import type { Logger } from '../lib/logger';
import { migrations } from '../migrations';
import { serialPGliteDriver } from './pglite-pool';
import { PreparingClient } from './prepared-statements';
import { StatementLogger } from './statement-counter';

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  /** Prepare parameterised statements once per connection (see prepared-statements.ts). */
  preparedStatements?: boolean;
  /** Bounds every statement on real PostgreSQL. */
  statementTimeoutMs?: number;
}

const DATE_OID = 1082;
/** Calendar dates stay `YYYY-MM-DD` strings: parsing them into a Date would shift them by the server's zone. */
const keepDateText = (value: string) => value;

/** Real PostgreSQL with DATABASE_URL; otherwise embedded PGlite under DATA_DIR. Never synchronises. */
export function createDataSource(options: DatabaseOptions, log?: Logger): DataSource {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
    logger: log ? new StatementLogger(log) : undefined,
    maxQueryExecutionTime: 1000,
  };
  if (options.databaseUrl) {
    pgTypes.setTypeParser(DATE_OID, keepDateText);
    return new DataSource({
      ...common,
      url: options.databaseUrl,
      poolSize: options.poolSize,
      extra: {
        statement_timeout: options.statementTimeoutMs ?? 5000,
        connectionTimeoutMillis: 5000,
        application_name: 'xecution',
        ...(options.preparedStatements === false ? {} : { Client: PreparingClient }),
      },
    });
  }
  return new DataSource({
    ...common,
    driver: serialPGliteDriver({ dataDir: join(options.dataDir, 'pglite'), parsers: { [DATE_OID]: keepDateText } }),
  });
}

export function isEmbedded(dataSource: DataSource): boolean {
  return !(dataSource.options as { url?: string }).url;
}

/** Session advisory locks that serialise start-up work of instances starting at once on one database. */
export const StartupLock = { MIGRATIONS: 7_301_944_211, JOB_QUEUES: 7_301_944_212 } as const;

/**
 * Runs `work` holding a session advisory lock on real PostgreSQL, where several instances may start at
 * once (embedded PGlite has one process, so it needs none).
 */
export async function withStartupLock<T>(dataSource: DataSource, lock: number, work: () => Promise<T>): Promise<T> {
  if (isEmbedded(dataSource)) return work();
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [lock]);
    return await work();
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [lock]).catch(() => undefined);
    await lockHolder.release();
  }
}

/** Applies pending migrations; TypeORM's runner takes no lock, so the run holds the start-up lock. */
export async function migrate(dataSource: DataSource): Promise<number> {
  return withStartupLock(dataSource, StartupLock.MIGRATIONS, async () => (await dataSource.runMigrations({ transaction: 'each' })).length);
}

export type Tx = EntityManager;
