import { randomUUID } from 'node:crypto';

import { newPlayer, type Player } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';

/** Everything a mentor dashboard may ask for, for every mentee at once. */
const DASHBOARD = `{
  mentees {
    since adherence7 adherence30 risk longestStreak currentStreak daysSinceLastCheckIn
    series { date checkedIn xp }
    gameState { xp level streak { current status } todayIntention { text } achievements { unlockedAt } }
    user {
      id displayName email
      gameState { energy }
      checkIns(first: 5) { pageInfo { hasNextPage endCursor } edges { cursor node { date mood } } }
      sprints(first: 5) { edges { node { plannedMinutes status } } }
      intentions(first: 5) { edges { node { text status } } }
      xpLedger(first: 5) { edges { node { amount source } } }
      events(first: 5) { edges { node { type payload } } }
    }
  }
}`;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.setClock('2026-08-20T12:00:00Z');
});
afterAll(() => server.stop());

/**
 * `count` mentees of `mentor`, each with a week of history, written straight into the database (a
 * seed builder: registering 50 users through argon2 would only slow the test down).
 */
async function menteesOf(mentor: Player, count: number): Promise<void> {
  const db = server.app.db;
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    await db.query(`INSERT INTO users (id, email, password_hash, display_name, timezone) VALUES ($1, $2, 'x', $3, $4)`, [
      id,
      `mentee-${id}@example.test`,
      `Mentee ${i}`,
      i % 2 ? 'Pacific/Auckland' : 'America/Los_Angeles',
    ]);
    await db.query(
      `INSERT INTO characters (user_id, xp, streak_current, streak_longest, last_check_in_date) VALUES ($1, 77, 2, 2, '2026-08-19')`,
      [id],
    );
    await db.query(
      `INSERT INTO check_ins (user_id, date, mood, created_at)
       SELECT $1, d::date, 3, d FROM generate_series('2026-08-13'::timestamptz, '2026-08-19', interval '1 day') d`,
      [id],
    );
    await db.query(
      `INSERT INTO daily_intentions (user_id, date, text, created_at) VALUES ($1, '2026-08-19', 'Write the report', '2026-08-19T08:00:00Z')`,
      [id],
    );
    await db.query(
      `INSERT INTO sprints (user_id, planned_minutes, status, started_at, ended_at, date)
       VALUES ($1, 25, 'COMPLETED', '2026-08-19T09:00:00Z', '2026-08-19T09:25:00Z', '2026-08-19')`,
      [id],
    );
    await db.query(
      `INSERT INTO xp_ledger (user_id, amount, source, reference, rule, created_at)
       VALUES ($1, 25, 'SPRINT', 's', 'plannedMinutes', '2026-08-19T09:25:00Z'), ($1, 52, 'CHECK_IN', 'c', '10 + min(streak, 20)', '2026-08-19T08:00:00Z')`,
      [id],
    );
    await db.query(
      `INSERT INTO game_events (user_id, type, payload, occurred_at, published_at)
       VALUES ($1, 'XP_GAINED', '{"amount": 25}', '2026-08-19T09:25:00Z', '2026-08-19T09:25:00Z')`,
      [id],
    );
    await db.query(`INSERT INTO mentor_links (mentor_id, mentee_id, created_at) VALUES ($1, $2, '2026-08-01T00:00:00Z')`, [mentor.id, id]);
  }
}

test('the dashboard for 50 mentees runs the same fixed number of SQL statements as for 5', async () => {
  const few = await newPlayer(server.graphqlUrl, { displayName: 'Mentor of 5' });
  const many = await newPlayer(server.graphqlUrl, { displayName: 'Mentor of 50' });
  await menteesOf(few, 5);
  await menteesOf(many, 50);

  const small = await few.client.raw(DASHBOARD);
  const large = await many.client.raw(DASHBOARD);
  expect(small.errors).toBeUndefined();
  expect(large.errors).toBeUndefined();
  expect(small.data.mentees).toHaveLength(5);
  expect(large.data.mentees).toHaveLength(50);
  const sample = large.data.mentees[0];
  expect(sample.user.checkIns.edges).toHaveLength(5);
  expect(sample.user.email).toBeNull();
  expect(sample.series).toHaveLength(30);

  const counts = { five: small.extensions?.sqlStatements, fifty: large.extensions?.sqlStatements };
  console.log(`mentor dashboard SQL statements: 5 mentees → ${counts.five}, 50 mentees → ${counts.fifty}`);
  expect(counts.fifty).toBe(counts.five);
  // mentees + users + game states + access + one per history connection.
  expect(counts.five).toBe(9);
});

test('a user graph with every connection is a fixed handful of statements too', async () => {
  const player = await newPlayer(server.graphqlUrl);
  const response = await player.client.raw(
    `query($id: ID!) { user(id: $id) {
    checkIns(first: 3) { edges { node { date } } } sprints { edges { node { id } } } intentions { edges { node { id } } }
    xpLedger { edges { node { id } } } events { edges { node { type } } } } }`,
    { id: player.id },
  );
  expect(response.errors).toBeUndefined();
  // access check for user(id) is free for oneself; user + five connections.
  expect(response.extensions?.sqlStatements).toBe(6);
});
