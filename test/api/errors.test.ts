import { type GraphQLResponse, newPlayer, type Player, TestClient } from '../support/client';
import { CHECK_IN, GAME_STATE, SET_INTENTION, START_SPRINT } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';

/*
 * No error leaks internals: whatever a client sends, every error carries an `extensions.code`, and no
 * message or extension shows SQL, a driver error, a stack trace or a file path. Bad input is
 * BAD_USER_INPUT naming the field at fault.
 */

const LEAKS = ['SQL', 'QueryFailedError', 'at /', 'node_modules', 'stack', 'relation "', 'syntax error at or near'];

let server: TestServer;
let player: Player;
beforeAll(async () => {
  server = await startTestServer();
  await server.setClock('2026-07-01T10:00:00Z');
  player = await newPlayer(server.graphqlUrl);
});
afterAll(() => server.stop());

/** Every error has a code and nothing in the errors looks like an internal. Returns the codes. */
function expectCleanErrors(response: GraphQLResponse, request: string): string[] {
  expect({ request, hasErrors: (response.errors?.length ?? 0) > 0 }).toEqual({ request, hasErrors: true });
  const errors = response.errors ?? [];
  for (const error of errors) {
    expect({ request, code: typeof error.extensions?.code }).toEqual({ request, code: 'string' });
  }
  const text = JSON.stringify({ errors, extensions: response.extensions });
  for (const leak of LEAKS) {
    expect({ request, leak, found: text.includes(leak) }).toEqual({ request, leak, found: false });
  }
  return errors.map((e) => String(e.extensions?.code));
}

/** Posts any body to /graphql, as a client that got things wrong might. */
async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; response: GraphQLResponse }> {
  const res = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${player.client.accessToken}`, ...headers },
    body,
  });
  const text = await res.text();
  let response: GraphQLResponse;
  try {
    response = JSON.parse(text) as GraphQLResponse;
  } catch {
    throw new Error(`status ${res.status}: not a JSON GraphQL response:\n${text.slice(0, 2000)}`);
  }
  return { status: res.status, response };
}

describe('malformed requests get a code and no internals', () => {
  const cases: [name: string, query: string, variables: Record<string, unknown> | undefined, code: string][] = [
    ['completeSprint with an id that is not a uuid', `mutation { completeSprint(id: "not-a-uuid") { xpGained } }`, undefined, 'NOT_FOUND'],
    ['abandonSprint with an id that is not a uuid', `mutation { abandonSprint(id: "1 OR 1=1") { id } }`, undefined, 'NOT_FOUND'],
    ['user with SQL in the id', `{ user(id: "'; DROP TABLE users; --") { id } }`, undefined, 'FORBIDDEN'],
    [
      'startSprint on an intention id that is not a uuid',
      START_SPRINT,
      { input: { plannedMinutes: 25, intentionId: "x' OR '1'='1" } },
      'BAD_USER_INPUT',
    ],
    ['a variable of the wrong type', START_SPRINT, { input: { plannedMinutes: 'twenty' } }, 'BAD_USER_INPUT'],
    ['a variable of the wrong shape', CHECK_IN, { input: 'happy' }, 'BAD_USER_INPUT'],
    ['a missing required variable', START_SPRINT, {}, 'BAD_USER_INPUT'],
    [
      'an Int out of 32-bit range',
      `mutation { startSprint(input: { plannedMinutes: 99999999999 }) { id } }`,
      undefined,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['a syntax error', `{ gameState { xp `, undefined, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', `{ gameState { xp passwordHash } }`, undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ['an unknown tool', `mutation { buyTool(code: "'; DELETE FROM tools; --") { xp } }`, undefined, 'NOT_FOUND'],
    ['an unknown achievement', `mutation { claimAchievement(code: "NOPE") { xpGained } }`, undefined, 'NOT_FOUND'],
  ];

  test.each(cases)('%s', async (_name, query, variables, code) => {
    const response = await player.client.raw(query, variables);
    expect(expectCleanErrors(response, query)[0]).toBe(code);
  });

  test('a NUL character in stored text is bad input, not a database failure', async () => {
    for (const [query, variables, field] of [
      [CHECK_IN, { input: { note: 'before\u0000after' } }, 'input.note'],
      [SET_INTENTION, { input: { text: 'Ship\u0000it' } }, 'input.text'],
    ] as const) {
      const response = await player.client.raw(query, variables);
      expect(expectCleanErrors(response, query)[0]).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.field).toBe(field);
    }
  });

  test('a body that is not JSON gets a JSON error, not an HTML stack trace', async () => {
    const { status, response } = await post('{"query": "{ gameState { xp } }"');
    expect(status).toBe(400);
    expect(expectCleanErrors(response, 'invalid JSON')).toEqual(['BAD_REQUEST']);
  });

  test('an oversized body gets a JSON error, not an HTML stack trace', async () => {
    const { status, response } = await post(JSON.stringify({ query: GAME_STATE, variables: { pad: 'x'.repeat(200_000) } }));
    expect(status).toBe(413);
    expect(expectCleanErrors(response, 'oversized body')).toEqual(['BAD_REQUEST']);
  });

  test('a query that is not a string', async () => {
    const { response } = await post(JSON.stringify({ query: 42 }));
    expect(expectCleanErrors(response, 'query: 42')).toEqual(['BAD_REQUEST']);
  });

  test('the server still answers a normal query afterwards', async () => {
    const data = await player.client.ok(GAME_STATE);
    expect(data.gameState).toMatchObject({ level: 1, xp: 0 });
  });
});

describe('bad input is BAD_USER_INPUT naming the field at fault', () => {
  const cases: [field: string, what: string, query: string, variables: Record<string, unknown>][] = [
    ['input.plannedMinutes', 'plannedMinutes 4', START_SPRINT, { input: { plannedMinutes: 4 } }],
    ['input.plannedMinutes', 'plannedMinutes 181', START_SPRINT, { input: { plannedMinutes: 181 } }],
    ['input.mood', 'mood 6', CHECK_IN, { input: { mood: 6 } }],
    ['input.mood', 'mood 0', CHECK_IN, { input: { mood: 0 } }],
    ['input.note', 'note of 1001 characters', CHECK_IN, { input: { note: 'n'.repeat(1001) } }],
    ['input.text', 'text of 2 characters', SET_INTENTION, { input: { text: 'ab' } }],
    ['input.text', 'text of 281 characters', SET_INTENTION, { input: { text: 't'.repeat(281) } }],
    ['input.targetSprints', 'targetSprints 9', SET_INTENTION, { input: { text: 'Ship the pricing page', targetSprints: 9 } }],
    ['input.targetSprints', 'targetSprints 0', SET_INTENTION, { input: { text: 'Ship the pricing page', targetSprints: 0 } }],
    ['input.intentionId', 'intentionId not a uuid', START_SPRINT, { input: { plannedMinutes: 25, intentionId: 'not-a-uuid' } }],
    [
      'reflection',
      'reflection of 9 characters',
      `mutation R($r: String!) { completeRecoveryQuest(reflection: $r) { xpGained } }`,
      { r: 'too short' },
    ],
  ];

  test.each(cases)('%s (%s)', async (field, _what, query, variables) => {
    const response = await player.client.raw(query, variables);
    expect(expectCleanErrors(response, query)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0].extensions?.field).toBe(field);
    expect(response.data?.[Object.keys(response.data ?? {})[0]] ?? null).toBeNull();
  });

  test('registration: password, email and timezone', async () => {
    const register = `mutation R($input: RegisterInput!) { register(input: $input) { accessToken } }`;
    const valid = { email: 'new-user@example.test', password: 'correct horse battery', displayName: 'New', timezone: 'UTC' };
    for (const [field, input] of [
      ['input.password', { ...valid, password: 'short' }],
      ['input.email', { ...valid, email: 'not-an-email' }],
      ['input.timezone', { ...valid, timezone: 'Mars/Olympus_Mons' }],
    ] as const) {
      const response = await new TestClient(server.graphqlUrl).raw(register, { input });
      expect(expectCleanErrors(response, `register ${field}`)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors?.[0].extensions?.field).toBe(field);
    }
  });

  test('nothing was written by the refused requests', async () => {
    const data = await player.client.ok(GAME_STATE);
    expect(data.gameState).toMatchObject({ checkedInToday: false, todayIntention: null, activeSprint: null, xp: 0 });
  });
});
