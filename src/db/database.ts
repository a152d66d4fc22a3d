import type { DataSource, EntityManager } from 'typeorm';

/** Called after every commit (the outbox relay listens to publish new events at once). */
export type CommitListener = () => void;

/**
 * Transactions and reads. Work that changes state runs in `transaction`; listeners hear about each
 * commit only after it happened, never for a rollback.
 */
export class Database {
  private readonly commitListeners = new Set<CommitListener>();

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    // READ COMMITTED is PostgreSQL's default; naming it would cost a SET TRANSACTION statement each time.
    const result = await this.dataSource.transaction(work);
    for (const listener of this.commitListeners) listener();
    return result;
  }

  /** A single read statement outside any transaction. */
  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }
}
