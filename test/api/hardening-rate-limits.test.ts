import { eventually } from '../support/eventually';
import { gql } from '../support/http';
import { directPlayer } from '../support/players';
import { startRedis } from '../support/processes';
import { startTestServer, type TestServer } from '../support/server';

/** Per-IP counts must not come from other runs in a shared Redis: these servers count in memory. */
const inMemory = { REDIS_URL: '' };
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }`;

function expectLimited(res: { status: number; headers: Headers; body: any }) {
  expect(res.status).toBe(429);
  const error = res.body.errors[0];
  expect(error.extensions.code).toBe('RATE_LIMITED');
  expect(error.extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers.get('retry-after'))).toBe(error.extensions.retryAfterSeconds);
  expect(error.extensions.http).toBeUndefined();
}

describe('reads and mutations per user (reads 5, mutations 3 per minute)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      { ...inMemory, RATE_LIMIT_ENABLED: '1', RATE_LIMIT_READS: '5', RATE_LIMIT_MUTATIONS: '3', RATE_LIMIT_IP: '1000' },
      { isolatedDatabase: true },
    );
    await server.setClock('2026-03-02T09:00:00Z');
  }, 60_000);
  afterAll(() => server?.stop());

  test('the 5th query passes, the 6th is RATE_LIMITED with a retry-after hint; another user is unaffected', async () => {
    const [a, b] = [await directPlayer(server), await directPlayer(server)];
    for (let i = 0; i < 5; i++)
      expect((await gql(server.graphqlUrl, '{ me { id } }', {}, { token: a.client.accessToken })).status).toBe(200);
    expectLimited(await gql(server.graphqlUrl, '{ me { id } }', {}, { token: a.client.accessToken }));
    expect((await gql(server.graphqlUrl, '{ me { id } }', {}, { token: b.client.accessToken })).status).toBe(200);
  });

  test('mutations are tighter than reads: the 4th mutation is refused, and it did not run', async () => {
    const player = await directPlayer(server);
    const token = player.client.accessToken;
    const ok = await gql(server.graphqlUrl, 'mutation { checkIn { xpGained } }', {}, { token });
    expect(ok.body.errors).toBeUndefined();
    for (let i = 0; i < 2; i++) await gql(server.graphqlUrl, 'mutation { checkIn { xpGained } }', {}, { token });
    const limited = await gql(server.graphqlUrl, 'mutation { startSprint(input: { plannedMinutes: 25 }) { id } }', {}, { token });
    expectLimited(limited);
    expect(await server.app.db.query('SELECT 1 FROM sprints WHERE user_id = $1', [player.id])).toHaveLength(0);
    // Reads have their own allowance.
    expect((await gql(server.graphqlUrl, '{ me { id } }', {}, { token })).status).toBe(200);
  });

  test('anonymous mutations count per IP', async () => {
    const register = `mutation R($input: RegisterInput!) { register(input: $input) { accessToken } }`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const input = { email: `rl-${i}-${Date.now()}@example.test`, password: 'correct horse battery', displayName: 'RL' };
      statuses.push((await gql(server.graphqlUrl, register, { input })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('sign-in attempts per account (3) and per IP (5) per 15 minutes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      { ...inMemory, RATE_LIMIT_ENABLED: '1', LOGIN_RATE_LIMIT_ACCOUNT: '3', LOGIN_RATE_LIMIT_IP: '5' },
      { isolatedDatabase: true },
    );
  }, 60_000);
  afterAll(() => server?.stop());

  test('a guessed password is limited per account, then per IP; X-Forwarded-For does not reset it', async () => {
    const [victim, other] = [await directPlayer(server), await directPlayer(server)];
    const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
      gql(server.graphqlUrl, LOGIN, { input: { email, password } }, { headers });
    for (let i = 0; i < 3; i++)
      expect((await attempt(victim.email, `guess-${i}-guess`)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // The 4th attempt on the account is refused even with the right password (and the case of the email changed).
    expectLimited(await attempt(victim.email.toUpperCase(), victim.password));
    // The IP has 1 attempt left (4 used): the other account signs in once, then the IP is limited too.
    expect((await attempt(other.email, other.password)).body.data.login.accessToken).toEqual(expect.any(String));
    expectLimited(await attempt(other.email, other.password, { 'x-forwarded-for': '203.0.113.9' }));
  });
});

describe('shared through Redis across instances; degraded and recovered when Redis stops', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    redis = await startRedis();
    const env = { RATE_LIMIT_ENABLED: '1', RATE_LIMIT_READS: '6', REDIS_URL: redis.url };
    a = await startTestServer(env, { isolatedDatabase: true });
    b = await startTestServer(env, { isolatedDatabase: true });
  }, 90_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  test('one allowance for both instances; without Redis each instance limits alone; shared again after', async () => {
    const player = await directPlayer(a);
    // The same signed token is valid on both instances (same secret): `{ __typename }` needs no database row.
    const read = (server: TestServer) => gql(server.graphqlUrl, '{ __typename }', {}, { token: player.client.accessToken });
    for (let i = 0; i < 3; i++) {
      expect((await read(a)).status).toBe(200);
      expect((await read(b)).status).toBe(200);
    }
    expectLimited(await read(a));
    expectLimited(await read(b));

    await redis.stop();
    // Fail open to per-instance memory: requests are served, and still limited (6 per instance).
    const during = [];
    for (let i = 0; i < 7; i++) during.push((await read(a)).status);
    expect(during.slice(0, 6).every((s) => s === 200 || s === 429)).toBe(true);
    expect(during[6]).toBe(429);
    expect((await gql(a.graphqlUrl, '{ me { id } }', {}, { token: player.client.accessToken })).status).not.toBe(500);

    redis = await startRedis(redis.port);
    await eventually(async () => (await fetch(`${a.url}/health/ready`)).status === 200, { timeoutMs: 15_000, what: 'instance a ready' });
    const fresh = await directPlayer(a);
    const readFresh = (server: TestServer) => gql(server.graphqlUrl, '{ __typename }', {}, { token: fresh.client.accessToken });
    for (let i = 0; i < 3; i++) {
      expect((await readFresh(a)).status).toBe(200);
      expect((await readFresh(b)).status).toBe(200);
    }
    expectLimited(await readFresh(b));
  });
});

describe('mutations are charged per root field (issue 15, finding 2: aliases multiplied the allowance)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      { ...inMemory, RATE_LIMIT_ENABLED: '1', RATE_LIMIT_MUTATIONS: '3', RATE_LIMIT_IP: '1000' },
      { isolatedDatabase: true },
    );
  }, 60_000);
  afterAll(() => server?.stop());

  const registers = (count: number, tag: string) => {
    const fields = Array.from(
      { length: count },
      (_, i) =>
        `r${i}: register(input: { email: "alias-${tag}-${i}@example.test", password: "correct horse battery", displayName: "A" }) { accessToken }`,
    );
    return `mutation { ${fields.join(' ')} }`;
  };
  const accounts = async (tag: string) =>
    (await server.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE email LIKE $1`, [`alias-${tag}-%`]))[0].n;

  test('3 aliased registers use up an allowance of 3: a 4th register is refused before it runs', async () => {
    const tag = `${Date.now()}`;
    const three = await gql(server.graphqlUrl, registers(3, `${tag}b`));
    expect({ status: three.status, errors: three.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(await accounts(`${tag}b`)).toBe(3);
    expectLimited(await gql(server.graphqlUrl, registers(1, `${tag}c`)));
    expect(await accounts(`${tag}c`)).toBe(0);
  });

  test('4 aliased check-ins by a fresh caller, hidden in a fragment, are refused before any runs', async () => {
    const player = await directPlayer(server);
    const query = `mutation { ...Four } fragment Four on Mutation { a: checkIn { xpGained } b: checkIn { xpGained } c: checkIn { xpGained } d: checkIn { xpGained } }`;
    expectLimited(await gql(server.graphqlUrl, query, {}, { token: player.client.accessToken }));
    expect(await server.app.db.query('SELECT 1 FROM check_ins WHERE user_id = $1', [player.id])).toHaveLength(0);
  });
});
