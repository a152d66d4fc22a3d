import type PgBoss from 'pg-boss';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** Runs one pg-boss statement on a query runner and answers in pg's `{ rows }` shape. */
async function execute(runner: QueryRunner, text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
  // Structured: TypeORM would otherwise answer UPDATE … RETURNING as [rows, count].
  const result = await runner.query(text, values && values.length > 0 ? values : undefined, true);
  return { rows: (result as { records?: unknown[] }).records ?? [] };
}

/**
 * pg-boss's `db` adapter over the app's TypeORM data source. On embedded PGlite this is how pg-boss
 * runs at all: every statement goes through the data source's one-connection pool (its mutex), and a
 * statement without parameters may hold several commands (PGlite's `exec`), as pg-boss's locked
 * maintenance commands do.
 */
export function dataSourceDb(dataSource: DataSource): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const runner = dataSource.createQueryRunner();
      try {
        return await execute(runner, text, values);
      } finally {
        await runner.release();
      }
    },
  };
}

/** pg-boss's `db` adapter for one open transaction: a job sent through it commits or rolls back with the action. */
export function transactionDb(tx: EntityManager): PgBoss.Db {
  const runner = tx.queryRunner;
  if (!runner) throw new Error('transactionDb needs a transaction manager');
  return { executeSql: (text, values) => execute(runner, text, values) };
}
