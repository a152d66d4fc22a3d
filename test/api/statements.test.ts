import { randomUUID } from 'node:crypto';

import { newPlayer, type Player, TestClient } from '../support/client';
import {
  ABANDON_SPRINT,
  BUY_TOOL,
  CHECK_IN,
  CLAIM,
  COMPLETE_INTENTION,
  COMPLETE_RECOVERY,
  COMPLETE_SPRINT,
  GAME_STATE,
  GAME_STATE_FIELDS,
  SET_INTENTION,
  START_RECOVERY,
  START_SPRINT,
  USE_TOOL,
} from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';

/*
 * How many SQL statements each operation runs (BEGIN and COMMIT included), read from the response's
 * `extensions.sqlStatements`. A transaction costs 3 statements of its own: START TRANSACTION,
 * SET TRANSACTION ISOLATION LEVEL READ COMMITTED (TypeORM sends the level separately) and COMMIT,
 * written "tx" below. A game mutation is one transaction: tx, the character row locked (SELECT … FOR
 * UPDATE, which also reads the unlocked achievements), the action's own writes, the character UPDATE,
 * the events INSERT; its payload's game state is then one more SELECT after commit.
 * Budgets are upper bounds: a new statement in a hot path must be a decision, not an accident.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const DAY = 86_400;
const ME_GAME_STATE = `{ me { id displayName gameState { ${GAME_STATE_FIELDS} } } }`;
const USER_GAME_STATE = `query User($id: ID!) { user(id: $id) { id email gameState { ${GAME_STATE_FIELDS} } } }`;

/** Runs an operation that must succeed and returns its data and statement count. */
async function measure(client: TestClient, query: string, variables?: Record<string, unknown>) {
  const response = await client.raw(query, variables);
  if (response.errors?.length || !response.data) {
    throw new Error(`request failed\nquery: ${query}\nresponse: ${JSON.stringify(response, null, 2)}`);
  }
  return { data: response.data, statements: response.extensions?.sqlStatements as number };
}

/** Runs an operation that must fail with `code` and returns its statement count. */
async function measureFailure(client: TestClient, code: string, query: string, variables?: Record<string, unknown>) {
  const response = await client.raw(query, variables);
  expect(response.errors?.[0]?.extensions?.code).toBe(code);
  return response.extensions?.sqlStatements as number;
}

describe('reads load a screen with a fixed number of statements', () => {
  let rich: Player;
  beforeAll(async () => {
    // Three days of check-ins (FIRST_CHECK_IN, STREAK_3), one claim, a completed and a new intention,
    // a tool in the inventory and a running sprint.
    rich = await newPlayer(server.graphqlUrl);
    await server.setClock('2026-05-04T09:00:00Z');
    for (let day = 0; day < 3; day++) {
      await rich.client.ok(CHECK_IN, { input: { mood: 4 } });
      if (day === 1) {
        await rich.client.ok(SET_INTENTION, { input: { text: 'Write the launch post' } });
        await rich.client.ok(COMPLETE_INTENTION);
      }
      if (day < 2) await server.advance(DAY);
    }
    await rich.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' });
    await rich.client.ok(SET_INTENTION, { input: { text: 'Ship the pricing page', targetSprints: 3 } });
    await rich.client.ok(BUY_TOOL, { code: 'ENERGY_DRINK' });
    await rich.client.ok(START_SPRINT, { input: { plannedMinutes: 50 } });
  });

  test('gameState of a rich player: exactly 1 statement', async () => {
    const { data, statements } = await measure(rich.client, GAME_STATE);
    expect(data.gameState).toMatchObject({
      checkedInToday: true,
      streak: { current: 3, status: 'ACTIVE' },
      todayIntention: { status: 'PENDING', targetSprints: 3 },
      activeSprint: { status: 'RUNNING', plannedMinutes: 50 },
      inventory: [{ tool: { code: 'ENERGY_DRINK' }, quantity: 1 }],
    });
    const achievements: { achievement: { code: string }; unlockedAt: string | null }[] = data.gameState.achievements;
    const unlocked = achievements.filter((a) => a.unlockedAt).map((a) => a.achievement.code);
    expect(unlocked.sort()).toEqual(['FIRST_CHECK_IN', 'STREAK_3']);
    expect(statements).toBe(1);
  });

  test('gameState of a new player: exactly 1 statement', async () => {
    const { client } = await newPlayer(server.graphqlUrl);
    const { data, statements } = await measure(client, GAME_STATE);
    expect(data.gameState).toMatchObject({ level: 1, xp: 0, inventory: [], activeSprint: null, todayIntention: null });
    expect(statements).toBe(1);
  });

  test('me { gameState }: 2 statements (the user, then the game state)', async () => {
    expect((await measure(rich.client, ME_GAME_STATE)).statements).toBe(2);
  });

  test('user(id) { gameState }: 2 statements', async () => {
    expect((await measure(rich.client, USER_GAME_STATE, { id: rich.id })).statements).toBe(2);
  });

  test('achievements: 1 statement; tools: none (the catalog is in memory)', async () => {
    expect((await measure(rich.client, `{ achievements { achievement { code } unlockedAt claimedAt } }`)).statements).toBe(1);
    expect((await measure(rich.client, `{ tools { code cost } }`)).statements).toBe(0);
  });
});

describe('each mutation runs a small, documented number of statements', () => {
  let player: Player;
  let sprintId: string;
  beforeAll(async () => {
    await server.setClock('2026-06-01T08:00:00Z');
    player = await newPlayer(server.graphqlUrl);
  });

  test('checkIn: ≤ 10 (tx, lock, INSERT check-in, INSERT ledger, INSERT unlocked, UPDATE character, INSERT events, game state)', async () => {
    const { data, statements } = await measure(player.client, CHECK_IN, { input: { mood: 5 } });
    expect(data.checkIn.unlocked).toEqual([{ code: 'FIRST_CHECK_IN' }]);
    expect(statements).toBeLessThanOrEqual(9);
  });

  test('checkIn refused: ≤ 4 (START TRANSACTION, SET ISOLATION LEVEL, lock, ROLLBACK)', async () => {
    expect(await measureFailure(player.client, 'ALREADY_CHECKED_IN', CHECK_IN, {})).toBeLessThanOrEqual(3);
  });

  test('claimAchievement: ≤ 9 (tx, lock, UPDATE claim, INSERT ledger, UPDATE character, INSERT events, game state)', async () => {
    expect((await measure(player.client, CLAIM, { code: 'FIRST_CHECK_IN' })).statements).toBeLessThanOrEqual(8);
  });

  test('setDailyIntention: ≤ 6 (tx, lock, INSERT intention, UPDATE character)', async () => {
    expect((await measure(player.client, SET_INTENTION, { input: { text: 'Close two deals' } })).statements).toBeLessThanOrEqual(5);
  });

  test('completeDailyIntention: ≤ 10 (tx, lock, SELECT intention, UPDATE intention, INSERT ledger, UPDATE character, INSERT events, game state)', async () => {
    expect((await measure(player.client, COMPLETE_INTENTION)).statements).toBeLessThanOrEqual(9);
  });

  test('startSprint: ≤ 6 (tx, lock, INSERT sprint, UPDATE character)', async () => {
    const { data, statements } = await measure(player.client, START_SPRINT, { input: { plannedMinutes: 25 } });
    sprintId = data.startSprint.id;
    expect(statements).toBeLessThanOrEqual(5);
  });

  test('completeSprint: ≤ 11 (tx, lock, SELECT sprint, UPDATE sprint, INSERT ledger, INSERT unlocked, UPDATE character, INSERT events, game state)', async () => {
    await server.advance(25 * 60);
    expect((await measure(player.client, COMPLETE_SPRINT, { id: sprintId })).statements).toBeLessThanOrEqual(10);
  });

  test('abandonSprint: ≤ 7 (tx, lock, SELECT sprint, UPDATE sprint, UPDATE character)', async () => {
    const started = await player.client.ok(START_SPRINT, { input: { plannedMinutes: 5 } });
    expect((await measure(player.client, ABANDON_SPRINT, { id: started.startSprint.id })).statements).toBeLessThanOrEqual(6);
  });

  test('buyTool: ≤ 7 (tx, lock, UPSERT inventory, UPDATE character, game state)', async () => {
    expect((await measure(player.client, BUY_TOOL, { code: 'ENERGY_DRINK' })).statements).toBeLessThanOrEqual(6);
  });

  test('useTool: ≤ 8 (tx, lock, SELECT item, DELETE item, UPDATE character, game state)', async () => {
    expect((await measure(player.client, USE_TOOL, { code: 'ENERGY_DRINK' })).statements).toBeLessThanOrEqual(7);
  });

  test('startRecoveryQuest: ≤ 14 and completeRecoveryQuest: ≤ 11', async () => {
    await server.setClock('2026-06-10T08:00:00Z');
    const { client } = await newPlayer(server.graphqlUrl);
    await client.ok(CHECK_IN, {});
    await server.advance(3 * DAY);
    // Two short transactions around the coach's prompt, so a model call never holds the lock:
    // (tx, lock, SELECT quest, SELECT unfinished intentions, UPDATE character) then
    // (tx, lock, SELECT quest, INSERT quest, UPDATE character)
    expect((await measure(client, START_RECOVERY)).statements).toBeLessThanOrEqual(12);
    // tx, lock, SELECT quest, UPDATE quest, INSERT ledger, INSERT unlocked (COMEBACK), UPDATE character, INSERT events, game state
    const reflection = 'I skipped two days because I overplanned; tomorrow I start small.';
    expect((await measure(client, COMPLETE_RECOVERY, { reflection })).statements).toBeLessThanOrEqual(10);
  });

  test('register, login, refreshSession, logout', async () => {
    const anonymous = new TestClient(server.graphqlUrl);
    const auth = `accessToken refreshToken user { id email }`;
    const email = `count-${randomUUID()}@example.test`;
    const register = await measure(anonymous, `mutation R($input: RegisterInput!) { register(input: $input) { ${auth} } }`, {
      input: { email, password: 'correct horse battery', displayName: 'Counter' },
    });
    // tx, INSERT user, INSERT character, INSERT the zone's day-close plan job (a no-op if it exists), INSERT refresh token, then the user
    expect(register.statements).toBeLessThanOrEqual(7);
    const login = await measure(anonymous, `mutation L($input: LoginInput!) { login(input: $input) { ${auth} } }`, {
      input: { email, password: 'correct horse battery' },
    });
    // SELECT user, tx, INSERT refresh token, then the user
    expect(login.statements).toBeLessThanOrEqual(5);
    const refresh = await measure(anonymous, `mutation F($t: String!) { refreshSession(refreshToken: $t) { ${auth} } }`, {
      t: login.data.login.refreshToken,
    });
    // tx, SELECT token FOR UPDATE, UPDATE token, INSERT refresh token, then the user
    expect(refresh.statements).toBeLessThanOrEqual(6);
    const signedIn = new TestClient(server.graphqlUrl, refresh.data.refreshSession.accessToken);
    const logout = await measure(signedIn, `mutation O($t: String!) { logout(refreshToken: $t) }`, {
      t: refresh.data.refreshSession.refreshToken,
    });
    // tx, SELECT token, UPDATE family
    expect(logout.statements).toBeLessThanOrEqual(4);
  });
});
