import { randomUUID } from 'node:crypto';

import { Client } from 'pg';
import PgBoss from 'pg-boss';

import { jobId } from '../../src/jobs/job-engine';
import type { StoredJob } from '../../src/jobs/job-kinds';
import { addDays, localDate, startOfLocalDay } from '../../src/lib/local-day';
import { type ChildServer, startChildServer } from '../support/processes';
import { onRealPostgres } from '../support/server';

// Two worker processes share one PostgreSQL database: real PostgreSQL only (CI's first pass).
const describeShared = onRealPostgres ? describe : describe.skip;
jest.setTimeout(240_000);

const USERS = 2_000;
const ZONES = ['UTC', 'Asia/Kolkata'];
/** The workers run on the system clock; a crashed worker's job expires after 5 s and is retried. */
const WORKER_ENV = {
  TEST_CLOCK: '',
  JOBS_WORKERS: '2',
  JOBS_POLL_SECONDS: '0.5',
  JOBS_EXPIRE_SECONDS: '5',
  JOBS_RETRY_DELAY_SECONDS: '1',
  JOBS_MAINTENANCE_SECONDS: '1',
  DAY_CLOSE_BATCH: '50',
};

describeShared('day close with two worker processes on one PostgreSQL', () => {
  const base = new URL(process.env.DATABASE_URL as string);
  const name = `xecution_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const db = new Client({ connectionString: url.toString() });
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: base.toString() });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  const workers: ChildServer[] = [];
  let boss: PgBoss;
  const startWorker = async () => {
    const worker = await startChildServer({ ...WORKER_ENV, DATABASE_URL: url.toString(), REDIS_URL: process.env.REDIS_URL ?? '' });
    workers.push(worker);
    return worker;
  };
  const closes = async (date: (zone: string) => string) => {
    let total = 0;
    for (const zone of ZONES) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM day_closes d JOIN users u ON u.id = d.user_id WHERE u.timezone = $1 AND d.date = $2`,
        [zone, date(zone)],
      );
      total += rows[0].n as number;
    }
    return total;
  };
  const dayClosedEvents = async (date: (zone: string) => string) => {
    let total = 0;
    for (const zone of ZONES) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM game_events e JOIN users u ON u.id = e.user_id
          WHERE u.timezone = $1 AND e.type = 'DAY_CLOSED' AND e.payload->>'date' = $2`,
        [zone, date(zone)],
      );
      total += rows[0].n as number;
    }
    return total;
  };
  /** Enqueues the plan job of `date` in each zone, already due. */
  const planDue = async (date: (zone: string) => string) => {
    for (const zone of ZONES) {
      const day = date(zone);
      const key = `${zone} ${day}`;
      const job: StoredJob<'day-close-plan'> = { dueAt: startOfLocalDay(addDays(day, 1), zone).toISOString(), key, data: { zone, date: day } };
      await boss.send('day-close-plan', job, { id: jobId('day-close-plan', key), singletonKey: key });
    }
  };
  const waitFor = async (what: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error(`timed out\n${workers.map((w) => w.output().slice(-2000)).join('\n---\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const today = (zone: string) => localDate(new Date(), zone);
  const twoDaysAgo = (zone: string) => addDays(today(zone), -2);
  const yesterday = (zone: string) => addDays(today(zone), -1);

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    await db.connect();
    await startWorker();
    await startWorker();
    // 2,000 users whose first local day was two days ago.
    for (const [i, zone] of ZONES.entries()) {
      const created = new Date(startOfLocalDay(twoDaysAgo(zone), zone).getTime() + 3_600_000);
      await db.query(
        `WITH u AS (
           INSERT INTO users (email, password_hash, display_name, timezone, created_at)
           SELECT 'w' || $1 || '-' || g || '@example.test', 'x', 'Worker test', $2, $3 FROM generate_series(1, $4) g RETURNING id)
         INSERT INTO characters (user_id) SELECT id FROM u`,
        [i, zone, created, USERS / ZONES.length],
      );
    }
    boss = new PgBoss({ connectionString: url.toString(), max: 2, supervise: false, schedule: false, migrate: false });
    await boss.start();
  }, 120_000);

  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true }).catch(() => undefined);
    for (const w of workers) await w.terminate();
    await db.end();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  test('2,000 users: every close runs exactly once in total, and both processes did some', async () => {
    await planDue(twoDaysAgo);
    await waitFor(async () => (await closes(twoDaysAgo)) === USERS, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await closes(twoDaysAgo)).toBe(USERS);
    expect(await dayClosedEvents(twoDaysAgo)).toBe(USERS);
    const metrics = await Promise.all(workers.map(async (w) => (await fetch(`${w.url}/metrics`)).text()));
    const batchesRun = metrics.map((m) => Number(/xecution_jobs_completed_total\{kind="day-close-batch"\} (\d+)/.exec(m)?.[1] ?? 0));
    expect(batchesRun.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(USERS / 50);
    expect(batchesRun.every((n) => n > 0)).toBe(true);
  });

  test('kill -9 of one worker mid-run: every close still happens exactly once', async () => {
    await planDue(yesterday);
    await waitFor(async () => (await closes(yesterday)) > 0, 60_000);
    workers[0].process.kill('SIGKILL');
    await waitFor(async () => (await closes(yesterday)) === USERS, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await closes(yesterday)).toBe(USERS);
    expect(await dayClosedEvents(yesterday)).toBe(USERS);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'day-close-batch' AND state <> 'completed'`);
    expect(rows[0].n).toBe(0);
  });
});
