import { DEMO_MENTEES, DEMO_MENTOR, DEMO_PASSWORD, DemoSeed, describeLogins } from '../../src/services/demo-seed';
import { TestClient } from '../support/client';
import { MENTEES } from '../support/mentors';
import { startTestServer, type TestServer } from '../support/server';

jest.setTimeout(180_000);

let server: TestServer;
const NOW = new Date('2026-10-15T12:00:00Z'); // 08:00 in New York, 14:00 in Berlin, 21:00 in Tokyo

beforeAll(async () => {
  server = await startTestServer();
  await server.setClock(NOW.toISOString());
  // On a shared PostgreSQL an earlier run (or `npm run seed`) may have left the demo: start from none.
  await server.app.db.query(`DELETE FROM users WHERE email LIKE '%@demo.xecution.dev'`);
});
afterAll(() => server.stop());

async function signIn(email: string): Promise<TestClient> {
  const anonymous = new TestClient(server.graphqlUrl);
  const { login } = await anonymous.ok(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
    input: { email, password: DEMO_PASSWORD },
  });
  return new TestClient(server.graphqlUrl, login.accessToken);
}

test('the demo: a mentor and three mentees with 60 days of history, consistent with the rules, seeded once', async () => {
  const seed = new DemoSeed(server.app.services, server.app.db, server.app.log);
  const first = await seed.run(NOW);
  expect(first.created).toBe(true);
  expect(describeLogins(first.logins)).toContain(`${DEMO_MENTOR.email}`);

  const mentor = await signIn(DEMO_MENTOR.email);
  const { mentees } = await mentor.ok(MENTEES);
  expect(mentees.map((m: any) => [m.user.displayName, m.risk])).toEqual([
    ['Sol (slipping)', 'HIGH'],
    ['Ren (recovering)', 'LOW'],
    ['Sam (steady)', 'LOW'],
  ]);
  const byName = Object.fromEntries(mentees.map((m: any) => [m.user.displayName, m]));
  expect(byName['Sam (steady)'].adherence30).toBeGreaterThan(0.9);
  expect(byName['Ren (recovering)'].currentStreak).toBe(12);
  expect(byName['Ren (recovering)'].adherence30).toBeLessThan(0.5);
  expect(byName['Sol (slipping)'].daysSinceLastCheckIn).toBeGreaterThanOrEqual(3);

  // XP is the ledger's sum for everyone; every kind of history is there.
  const rows = await server.app.db.query<{
    email: string;
    xp: number;
    ledger: number;
    check_ins: number;
    sprints: number;
    intentions: number;
    events: number;
  }>(
    `SELECT u.email, c.xp, (SELECT coalesce(sum(amount), 0)::int FROM xp_ledger x WHERE x.user_id = u.id) AS ledger,
            (SELECT count(*)::int FROM check_ins WHERE user_id = u.id) AS check_ins,
            (SELECT count(*)::int FROM sprints WHERE user_id = u.id) AS sprints,
            (SELECT count(*)::int FROM daily_intentions WHERE user_id = u.id) AS intentions,
            (SELECT count(*)::int FROM game_events WHERE user_id = u.id) AS events
       FROM users u JOIN characters c ON c.user_id = u.id WHERE u.email = ANY($1)`,
    [[DEMO_MENTOR.email, ...DEMO_MENTEES.map((m) => m.email)]],
  );
  expect(rows).toHaveLength(4);
  for (const row of rows) {
    expect(row.xp).toBe(row.ledger);
    expect(row.check_ins).toBeGreaterThan(0);
  }
  const steady = rows.find((r) => r.email === DEMO_MENTEES[0].email)!;
  expect(steady).toMatchObject({ check_ins: 58 });
  expect(steady.sprints).toBeGreaterThan(60);
  expect(steady.events).toBeGreaterThan(150);

  const again = await seed.run(NOW);
  expect(again.created).toBe(false);
  const [{ n }] = await server.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@demo.xecution.dev'`);
  expect(n).toBe(4);
});
