import { type GraphQLResponse, newPlayer, type Player } from '../support/client';
import { BUY_TOOL, CHECK_IN, CLAIM, SET_INTENTION, START_SPRINT } from '../support/operations';
import { onRealPostgres, startTestServer, type TestServer } from '../support/server';

/*
 * Integrity under concurrency: parallel requests race through HTTP and the database decides.
 * Real races need real concurrent connections (DATABASE_URL). Embedded PGlite serialises every
 * transaction, so there these tests still pass but prove only the sequential rules. CI runs the suite
 * on PostgreSQL first (.ci/run), so the real races are always exercised there.
 */

const suiteName = onRealPostgres
  ? 'integrity under concurrency (onRealPostgres: real concurrent connections)'
  : 'integrity under concurrency (meant for onRealPostgres; embedded mode serialises transactions)';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.setClock('2026-04-06T12:00:00Z');
});
afterAll(() => server.stop());

/** Fires `count` copies of one request at once. */
function burst(player: Player, count: number, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse[]> {
  return Promise.all(Array.from({ length: count }, () => player.client.raw(query, variables)));
}

/** The successes and the error codes of a burst, sorted for comparison. */
function outcomes(responses: GraphQLResponse[]) {
  const succeeded = responses.filter((r) => !r.errors?.length && r.data);
  const codes = responses.flatMap((r) => (r.errors ?? []).map((e) => String(e.extensions?.code))).sort();
  return { succeeded, codes };
}

async function one<T>(sql: string, params: unknown[]): Promise<T> {
  const rows = await server.app.db.query<T>(sql, params);
  return rows[0];
}

async function ledger(userId: string) {
  return one<{ rows: number; sum: number; xp: number }>(
    `SELECT count(l.id)::int AS rows, coalesce(sum(l.amount), 0)::int AS sum, c.xp
       FROM characters c LEFT JOIN xp_ledger l ON l.user_id = c.user_id
      WHERE c.user_id = $1 GROUP BY c.xp`,
    [userId],
  );
}

describe(suiteName, () => {
  test('25 parallel check-ins of one user: exactly one succeeds, one row, one ledger entry, XP = ledger sum', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const { succeeded, codes } = outcomes(await burst(player, 25, CHECK_IN, { input: { mood: 3 } }));

    expect(succeeded).toHaveLength(1);
    expect(codes).toEqual(Array(24).fill('ALREADY_CHECKED_IN'));
    expect(await one(`SELECT count(*)::int AS n FROM check_ins WHERE user_id = $1`, [player.id])).toEqual({ n: 1 });
    expect(await one(`SELECT count(*)::int AS n FROM xp_ledger WHERE user_id = $1 AND source = 'CHECK_IN'`, [player.id])).toEqual({ n: 1 });
    const { sum, xp } = await ledger(player.id);
    expect(xp).toBe(11);
    expect(sum).toBe(xp);
    expect(await one(`SELECT streak_current, check_ins_total, loyalty, energy FROM characters WHERE user_id = $1`, [player.id])).toEqual({
      streak_current: 1,
      check_ins_total: 1,
      loyalty: 5,
      energy: 60,
    });
  });

  test('10 parallel claims of one unlocked achievement: exactly one pays, the rest are ALREADY_CLAIMED', async () => {
    const player = await newPlayer(server.graphqlUrl);
    await player.client.ok(CHECK_IN, {});
    const { succeeded, codes } = outcomes(await burst(player, 10, CLAIM, { code: 'FIRST_CHECK_IN' }));

    expect(succeeded).toHaveLength(1);
    expect(succeeded[0].data.claimAchievement.xpGained).toBe(20);
    expect(codes).toEqual(Array(9).fill('ALREADY_CLAIMED'));
    expect(await one(`SELECT count(*)::int AS n FROM xp_ledger WHERE user_id = $1 AND source = 'ACHIEVEMENT'`, [player.id])).toEqual({
      n: 1,
    });
    const { rows, sum, xp } = await ledger(player.id);
    expect({ rows, xp }).toEqual({ rows: 2, xp: 31 });
    expect(sum).toBe(xp);
  });

  test('10 parallel buys at 4 items: never more than 5 items, never negative loyalty, exactly one succeeds', async () => {
    const player = await newPlayer(server.graphqlUrl);
    await server.app.db.query(`UPDATE characters SET loyalty = 100 WHERE user_id = $1`, [player.id]);
    for (let i = 0; i < 4; i++) await player.client.ok(BUY_TOOL, { code: 'ENERGY_DRINK' });

    const { succeeded, codes } = outcomes(await burst(player, 10, BUY_TOOL, { code: 'ENERGY_DRINK' }));

    expect(succeeded).toHaveLength(1);
    expect(codes).toEqual(Array(9).fill('INVENTORY_FULL'));
    expect(await one(`SELECT loyalty, inventory_count FROM characters WHERE user_id = $1`, [player.id])).toEqual({
      loyalty: 50,
      inventory_count: 5,
    });
    expect(await one(`SELECT coalesce(sum(quantity), 0)::int AS items FROM inventory_items WHERE user_id = $1`, [player.id])).toEqual({
      items: 5,
    });
  });

  test('10 parallel buys with loyalty for only 2: loyalty never goes negative', async () => {
    const player = await newPlayer(server.graphqlUrl);
    await server.app.db.query(`UPDATE characters SET loyalty = 25 WHERE user_id = $1`, [player.id]);

    const { succeeded, codes } = outcomes(await burst(player, 10, BUY_TOOL, { code: 'ENERGY_DRINK' }));

    expect(succeeded).toHaveLength(2);
    expect(codes).toEqual(Array(8).fill('INSUFFICIENT_LOYALTY'));
    expect(await one(`SELECT loyalty, inventory_count FROM characters WHERE user_id = $1`, [player.id])).toEqual({
      loyalty: 5,
      inventory_count: 2,
    });
  });

  test('10 parallel sprint starts: exactly one RUNNING sprint', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const { succeeded, codes } = outcomes(await burst(player, 10, START_SPRINT, { input: { plannedMinutes: 25 } }));

    expect(succeeded).toHaveLength(1);
    expect(codes).toEqual(Array(9).fill('SPRINT_ALREADY_RUNNING'));
    expect(await one(`SELECT count(*)::int AS n FROM sprints WHERE user_id = $1`, [player.id])).toEqual({ n: 1 });
    expect(await one(`SELECT count(*)::int AS n FROM sprints WHERE user_id = $1 AND status = 'RUNNING'`, [player.id])).toEqual({ n: 1 });
  });

  test('10 parallel daily intentions: exactly one is set', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const { succeeded, codes } = outcomes(await burst(player, 10, SET_INTENTION, { input: { text: 'Ship the pricing page' } }));

    expect(succeeded).toHaveLength(1);
    expect(codes).toEqual(Array(9).fill('INTENTION_ALREADY_SET'));
    expect(await one(`SELECT count(*)::int AS n FROM daily_intentions WHERE user_id = $1`, [player.id])).toEqual({ n: 1 });
  });

  describe('the database itself refuses what the rules forbid', () => {
    let player: Player;
    beforeAll(async () => {
      player = await newPlayer(server.graphqlUrl);
      await player.client.ok(CHECK_IN, {});
      await player.client.ok(START_SPRINT, { input: { plannedMinutes: 25 } });
    });

    test('a second check-in for the same user and day', async () => {
      await expect(
        server.app.db.query(`INSERT INTO check_ins (user_id, date, created_at) VALUES ($1, '2026-04-06', now())`, [player.id]),
      ).rejects.toThrow(/uq_check_ins_user_date/);
    });

    test('an inventory of 6 items', async () => {
      await expect(server.app.db.query(`UPDATE characters SET inventory_count = 6 WHERE user_id = $1`, [player.id])).rejects.toThrow(
        /ck_characters_inventory_cap/,
      );
    });

    test('energy 101, and negative loyalty', async () => {
      await expect(server.app.db.query(`UPDATE characters SET energy = 101 WHERE user_id = $1`, [player.id])).rejects.toThrow(
        /ck_characters_energy/,
      );
      await expect(server.app.db.query(`UPDATE characters SET loyalty = -1 WHERE user_id = $1`, [player.id])).rejects.toThrow(
        /ck_characters_loyalty/,
      );
    });

    test('a second RUNNING sprint', async () => {
      await expect(
        server.app.db.query(
          `INSERT INTO sprints (user_id, planned_minutes, status, started_at, date) VALUES ($1, 25, 'RUNNING', now(), '2026-04-06')`,
          [player.id],
        ),
      ).rejects.toThrow(/uq_sprints_one_running/);
    });

    test('a second claim row for one achievement', async () => {
      await expect(
        server.app.db.query(`INSERT INTO user_achievements (user_id, achievement_code, unlocked_at) VALUES ($1, 'FIRST_CHECK_IN', now())`, [
          player.id,
        ]),
      ).rejects.toThrow(/pk_user_achievements/);
    });

    test('nothing slipped in: the state is as the API left it', async () => {
      expect(
        await one(
          `SELECT (SELECT count(*)::int FROM check_ins WHERE user_id = $1) AS check_ins,
                  (SELECT count(*)::int FROM sprints WHERE user_id = $1) AS sprints,
                  c.energy, c.inventory_count, c.loyalty
             FROM characters c WHERE c.user_id = $1`,
          [player.id],
        ),
      ).toEqual({ check_ins: 1, sprints: 1, energy: 60, inventory_count: 0, loyalty: 5 });
    });
  });
});
