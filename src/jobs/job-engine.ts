import { createHash } from 'node:crypto';

import { Mutex } from 'async-mutex';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';

import { StartupLock, withStartupLock } from '../db/data-source';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { dataSourceDb, transactionDb } from './boss-db';
import type { JobKind, JobKinds, JobRun, StoredJob } from './job-kinds';
import { JobMetrics } from './job-metrics';

export const BOSS_SCHEMA = 'pgboss';
/** Where a job waits while the test clock has not reached it (see runDue). */
const HELD_UNTIL = new Date('9999-01-01T00:00:00.000Z');

export interface JobEngineOptions {
  dataSource: DataSource;
  /** Real PostgreSQL: pg-boss gets a small pool of its own. Unset: it runs through the data source (PGlite). */
  databaseUrl?: string;
  clock: Clock;
  log: Logger;
  /** Test clock: nothing polls; every job waits until `runDue` reaches its due instant. */
  driven: boolean;
  /** Whether this process runs workers (a process may only send). */
  work: boolean;
  pollingSeconds: number;
  maintenanceSeconds: number;
}

export interface KindOptions {
  /** Workers polling this queue in this process. */
  workers: number;
  retryLimit: number;
  retryDelaySeconds: number;
  /** An active job older than this is taken for crashed and retried (pg-boss expiry). */
  expireInSeconds: number;
}

export interface SendOptions {
  /** Singleton key: a second send with the same kind and key is a no-op while the first is kept. */
  key: string;
  /** When the job is due, on the app's clock. */
  dueAt: Date;
  /** Enqueue inside this transaction (the job exists only if it commits). */
  tx?: EntityManager;
}

type Handler<K extends JobKind> = (run: JobRun<K>) => Promise<void>;
interface Kind {
  options: KindOptions;
  handler: Handler<JobKind>;
}

/** A job's id is derived from its kind and singleton key, so sending it twice inserts it once. */
export function jobId(kind: JobKind, key: string): string {
  const hex = createHash('sha256').update(`${kind}\n${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The job engine: pg-boss queues, one per job kind, on PostgreSQL or embedded PGlite.
 *
 * Every job carries its due instant on the app's clock. On the system clock a job is handed to
 * pg-boss with that instant as `startAfter` and polling workers run it (SKIP LOCKED: once, on any
 * instance; an expired active job is retried). Under the test clock (`driven`) jobs are held and
 * `runDue` runs them itself, one at a time in due order, including jobs that running jobs enqueue.
 */
export class JobEngine {
  readonly metrics = new JobMetrics();
  private boss: PgBoss | null = null;
  private readonly kinds = new Map<JobKind, Kind>();
  private readonly driveLock = new Mutex();

  constructor(private readonly options: JobEngineOptions) {}

  /** Registers a job kind's handler (before `start`). */
  define<K extends JobKind>(kind: K, options: KindOptions, handler: Handler<K>): void {
    this.kinds.set(kind, { options, handler: handler as unknown as Handler<JobKind> });
  }

  get driven(): boolean {
    return this.options.driven;
  }

  async start(): Promise<void> {
    const o = this.options;
    const connection = o.databaseUrl
      ? { connectionString: o.databaseUrl, max: 4, application_name: 'xecution-jobs' }
      : { db: dataSourceDb(o.dataSource) };
    const boss = new PgBoss({
      ...connection,
      schema: BOSS_SCHEMA,
      schedule: false,
      supervise: true,
      maintenanceIntervalSeconds: o.maintenanceSeconds,
    });
    boss.on('error', (err: Error) => o.log.warn({ err: err.message }, 'job engine error'));
    await boss.start();
    // Creating a queue is DDL (a partition per queue): instances starting at once would deadlock on it.
    await withStartupLock(o.dataSource, StartupLock.JOB_QUEUES, async () => {
      for (const [kind, { options }] of this.kinds) {
        await boss.createQueue(kind, {
          name: kind,
          policy: 'standard',
          retryLimit: options.retryLimit,
          retryDelay: options.retryDelaySeconds,
          expireInSeconds: options.expireInSeconds,
        });
      }
    });
    this.boss = boss;
    if (o.driven || !o.work) return;
    for (const [kind, { options }] of this.kinds) {
      for (let i = 0; i < options.workers; i++) {
        await boss.work<StoredJob>(kind, { batchSize: 1, pollingIntervalSeconds: o.pollingSeconds }, (jobs) => this.runAll(kind, jobs));
      }
    }
  }

  /** Enqueues a job (in `tx` when given), due at `dueAt` on the app's clock. */
  async send<K extends JobKind>(kind: K, data: JobKinds[K], options: SendOptions): Promise<void> {
    await this.sendMany(kind, [{ data, key: options.key, dueAt: options.dueAt }], options.tx);
  }

  /** Enqueues many jobs of one kind in one statement. */
  async sendMany<K extends JobKind>(kind: K, jobs: { data: JobKinds[K]; key: string; dueAt: Date }[], tx?: EntityManager): Promise<void> {
    if (jobs.length === 0) return;
    const rows = jobs.map(({ data, key, dueAt }) => ({
      id: jobId(kind, key),
      name: kind,
      singletonKey: key,
      startAfter: this.startAfter(dueAt).toISOString(),
      data: { dueAt: dueAt.toISOString(), key, data } satisfies StoredJob<K>,
    }));
    await this.requireBoss().insert(rows, tx ? { db: transactionDb(tx) } : {});
  }

  /**
   * Test clock: runs every job due up to `until`, one at a time in due order (then creation order),
   * also those that running jobs enqueue, and answers how many ran. A failed job is retried at once
   * up to its retry limit. An instance without workers runs nothing.
   */
  async runDue(until: Date): Promise<number> {
    if (!this.options.work) return 0;
    return this.driveLock.runExclusive(async () => {
      let ran = 0;
      for (;;) {
        const next = await this.nextDue(until);
        if (!next) return ran;
        await this.options.dataSource.query(
          `UPDATE ${BOSS_SCHEMA}.job SET start_after = now() - interval '1 second' WHERE name = $1 AND id = $2 AND state < 'active'`,
          [next.name, next.id],
        );
        const jobs = await this.requireBoss().fetch<StoredJob>(next.name, { batchSize: 1 });
        if (jobs.length === 0) continue;
        await this.runAll(next.name, jobs).then(
          () => this.requireBoss().complete(next.name, jobs[0].id),
          (err: unknown) => this.requireBoss().fail(next.name, jobs[0].id, { message: String(err) }),
        );
        ran += 1;
      }
    });
  }

  /** Jobs waiting (created or retrying) whose due instant has passed on the app's clock, by kind. */
  async dueCounts(): Promise<Record<string, number>> {
    const rows: { name: string; n: string }[] = await this.options.dataSource.query(
      `SELECT name, count(*) AS n FROM ${BOSS_SCHEMA}.job
        WHERE state < 'active' AND (data->>'dueAt')::timestamptz <= $1 GROUP BY name`,
      [this.options.clock.now()],
    );
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, close: true, wait: true, timeout: 10_000 });
  }

  private startAfter(dueAt: Date): Date {
    return this.options.driven ? HELD_UNTIL : dueAt;
  }

  private async nextDue(until: Date): Promise<{ name: JobKind; id: string } | null> {
    const rows: { name: JobKind; id: string }[] = await this.options.dataSource.query(
      `SELECT name, id FROM ${BOSS_SCHEMA}.job
        WHERE name = ANY($1) AND state < 'active' AND (data->>'dueAt')::timestamptz <= $2
        ORDER BY (data->>'dueAt')::timestamptz, created_on, id LIMIT 1`,
      [[...this.kinds.keys()], until],
    );
    return rows[0] ?? null;
  }

  /** Runs fetched jobs (pg-boss completes or fails them from the outcome). */
  private async runAll(kind: JobKind, jobs: PgBoss.Job<StoredJob>[]): Promise<void> {
    const entry = this.kinds.get(kind);
    if (!entry) throw new Error(`No handler for job kind ${kind}`);
    for (const job of jobs) {
      const dueAt = new Date(job.data.dueAt);
      this.metrics.started(kind, this.options.clock.now().getTime() - dueAt.getTime());
      try {
        await entry.handler({ id: job.id, kind, data: job.data.data, dueAt, key: job.data.key });
        this.metrics.completed(kind);
      } catch (err) {
        this.metrics.failed(kind);
        this.options.log.warn({ kind, key: job.data.key, err: err instanceof Error ? err.message : String(err) }, 'job failed');
        throw err;
      }
    }
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('The job engine is not started');
    return this.boss;
  }
}
