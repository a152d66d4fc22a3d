import { jobId } from '../../src/jobs/job-engine';
import type { TestClock } from '../../src/lib/clock';
import { anonymousScope, type Scope } from '../../src/lib/scope';
import { newPlayer } from '../support/client';
import { metricValue } from '../support/metrics';
import { CHECK_IN } from '../support/operations';
import { addDays, at } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';
import { closesOf, eventsOf, eventTypes, lastEventId, localInstant, startOfDay } from '../support/time';

jest.setTimeout(120_000);

let server: TestServer;
let scope: Scope;
beforeAll(async () => {
  server = await startTestServer({}, { isolatedDatabase: true });
  scope = anonymousScope(server.app.clock, server.app.log);
});
afterAll(() => server.stop());

test('after a 10-day jump: 7 closes in date order (older days get none), one STREAK_BROKEN', async () => {
  const X = '2024-05-01';
  await server.setClock(at(X, '12:00'));
  const player = await newPlayer(server.graphqlUrl);
  await player.client.ok(CHECK_IN);
  const before = await lastEventId(server, player.id);
  const moved = await server.moveClock({ now: at(addDays(X, 10), '12:00') });
  expect(moved.jobsRun).toBeGreaterThan(0);
  const closes = await closesOf(server, player.id);
  expect(closes.map((c) => c.date)).toEqual([3, 4, 5, 6, 7, 8, 9].map((n) => addDays(X, n)));
  const types = await eventTypes(server, player.id, before);
  expect(types.filter((t) => t === 'DAY_CLOSED')).toHaveLength(7);
  expect(types.filter((t) => t === 'STREAK_BROKEN')).toHaveLength(1);
  expect(types.filter((t) => t === 'STREAK_AT_RISK')).toHaveLength(0);
  // The break is announced by the first close; the quest it would have offered lapsed during the downtime.
  const events = await eventsOf(server, player.id, before);
  expect(events[0]).toMatchObject({ type: 'STREAK_BROKEN', payload: { lost: 1, longest: 1, recoveryQuestAvailable: false } });
  expect(types).not.toContain('RECOVERY_QUEST_OFFERED');
  const dates = events.filter((e) => e.type === 'DAY_CLOSED').map((e) => e.payload.date);
  expect(dates).toEqual(closes.map((c) => c.date));
});

test('idempotent: closing and planning again writes no second row and no second set of events', async () => {
  const X = '2024-06-01';
  await server.setClock(at(X, '09:00'));
  const player = await newPlayer(server.graphqlUrl);
  await server.setClock(at(addDays(X, 1), '00:05'));
  expect(await closesOf(server, player.id)).toEqual([{ date: X, streak_event: null }]);
  const before = await lastEventId(server, player.id);
  const again = await Promise.all([
    server.app.services.dayClose.closeBatch(scope, X, [player.id]),
    server.app.services.dayClose.closeBatch(scope, X, [player.id]),
  ]);
  expect(again).toEqual([0, 0]);
  expect(await server.app.services.dayClose.plan(scope, 'UTC', X)).toBe(0);
  expect(await closesOf(server, player.id)).toHaveLength(1);
  expect(await eventTypes(server, player.id, before)).toEqual([]);
  // A job sent twice with one singleton key is one job.
  await server.app.services.dayClose.planZone(scope, 'UTC');
  await server.app.services.dayClose.planZone(scope, 'UTC');
  const id = jobId('day-close-plan', `UTC ${addDays(X, 1)}`);
  const jobs = await server.app.db.query(`SELECT id FROM pgboss.job WHERE name = 'day-close-plan' AND id = $1`, [id]);
  expect(jobs).toHaveLength(1);
});

test('two closes of one (user, day) racing: exactly one row and one set of events', async () => {
  const X = '2024-06-10';
  await server.setClock(at(X, '09:00'));
  const player = await newPlayer(server.graphqlUrl);
  // The clock moves without the route (so no job runs): four closes of the day race each other.
  (server.app.clock as TestClock).set(new Date(at(addDays(X, 1), '00:05')));
  const closed = await Promise.all(Array.from({ length: 4 }, () => server.app.services.dayClose.closeBatch(scope, X, [player.id])));
  expect(closed.reduce((a, b) => a + b, 0)).toBe(1);
  // Then the due jobs run too: still one close.
  await server.setClock(at(addDays(X, 1), '00:06'));
  expect(await closesOf(server, player.id)).toHaveLength(1);
  expect(await eventTypes(server, player.id)).toEqual(['DAY_CLOSED']);
});

test.each(['UTC', 'Asia/Kolkata', 'America/Los_Angeles'])(
  'a user registered mid-day in %s gets the first close at the end of that day',
  async (zone) => {
    const X = '2024-07-01';
    await server.setClock(localInstant(X, zone, '15:00'));
    const player = await newPlayer(server.graphqlUrl, { timezone: zone });
    await server.setClock(startOfDay(addDays(X, 1), zone, -1));
    expect(await closesOf(server, player.id)).toEqual([]);
    await server.setClock(startOfDay(addDays(X, 1), zone, 1));
    expect(await closesOf(server, player.id)).toEqual([{ date: X, streak_event: null }]);
    expect(await eventTypes(server, player.id)).toEqual(['DAY_CLOSED']);
  },
);

test('/metrics shows the job engine: runs completed and their lag by kind, and no job left due', async () => {
  const X = '2024-08-01';
  await server.setClock(at(X, '09:00'));
  await newPlayer(server.graphqlUrl);
  await server.setClock(at(addDays(X, 1), '00:05'));
  const text = await (await fetch(`${server.url}/metrics`)).text();
  expect(metricValue(text, /^xecution_jobs_completed_total\{kind="day-close-plan"\}/)).toBeGreaterThanOrEqual(1);
  expect(metricValue(text, /^xecution_jobs_completed_total\{kind="day-close-batch"\}/)).toBeGreaterThanOrEqual(1);
  expect(metricValue(text, /^xecution_job_lag_seconds_count\{kind="day-close-batch"\}/)).toBeGreaterThanOrEqual(1);
  expect(text).toContain('xecution_jobs_due');
  expect(text).not.toMatch(/^xecution_jobs_due\{kind="day-close-batch"\} [1-9]/m);
});
