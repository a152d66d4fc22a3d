import { AsyncLocalStorage } from 'node:async_hooks';

import type { Logger as TypeOrmLogger } from 'typeorm';

import type { Logger } from '../lib/logger';

interface Tally {
  statements: number;
}

const tallies = new AsyncLocalStorage<Tally>();

/** Runs `work` while counting the SQL statements it sends (read with `statementsSoFar`). */
export function countStatements<T>(work: () => T): T {
  return tallies.run({ statements: 0 }, work);
}

/** Runs `work` outside the current request's count (background work it merely triggers, such as the outbox relay). */
export function uncounted<T>(work: () => T): T {
  return tallies.exit(work);
}

export function statementsSoFar(): number {
  return tallies.getStore()?.statements ?? 0;
}

/** TypeORM logger: counts statements for the current request and logs failures and slow queries. */
export class StatementLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(): void {
    const tally = tallies.getStore();
    if (tally) tally.statements += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug({ err: error, query: query.slice(0, 300) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, query: query.slice(0, 300) }, 'slow query');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ typeorm: message }, 'typeorm warning');
  }
}
