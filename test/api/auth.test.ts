import { randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';

import { newPlayer, TestClient } from '../support/client';
import { BUY_TOOL, CHECK_IN, GAME_STATE } from '../support/operations';
import { at } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

beforeEach(() => server.setClock(at('2026-05-04')));

const AUTH_FIELDS = 'accessToken refreshToken user { id email displayName timezone }';
const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`;
const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { ${AUTH_FIELDS} } }`;
const LOGOUT = `mutation Logout($token: String!) { logout(refreshToken: $token) }`;
const ME = `{ me { id email displayName timezone createdAt } }`;
const USER = `query User($id: ID!) { user(id: $id) { id email displayName gameState { xp } } }`;

const PUBLIC_FIELDS = new Set(['register', 'login', 'refreshSession']);

const anonymous = () => new TestClient(server.graphqlUrl);
const email = () => `auth-${randomUUID()}@example.test`;
const registerInput = (overrides: Record<string, unknown> = {}) => ({
  email: email(),
  password: 'long enough password',
  displayName: 'Ada',
  ...overrides,
});

describe('register', () => {
  test('creates an account (timezone defaults to UTC) and signs it in', async () => {
    const input = registerInput({ email: `Mixed.Case-${randomUUID()}@Example.TEST` });
    const { register } = await anonymous().ok(REGISTER, { input });
    expect(register.user).toMatchObject({ email: input.email.toLowerCase(), displayName: 'Ada', timezone: 'UTC' });
    expect(register.refreshToken).toEqual(expect.any(String));
    const me = (await new TestClient(server.graphqlUrl, register.accessToken).ok(ME)).me;
    expect(me).toMatchObject({ id: register.user.id, email: register.user.email });
  });

  test.each([
    ['a malformed email', { email: 'not-an-email' }, 'input.email'],
    ['a password under 10 characters', { password: '123456789' }, 'input.password'],
    ['an unknown timezone', { timezone: 'Mars/Olympus_Mons' }, 'input.timezone'],
    ['a raw offset instead of a zone', { timezone: '+02:00' }, 'input.timezone'],
    ['an empty display name', { displayName: '' }, 'input.displayName'],
    ['a blank display name', { displayName: '   ' }, 'input.displayName'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, overrides, field) => {
    const error = await anonymous().fails('BAD_USER_INPUT', REGISTER, { input: registerInput(overrides) });
    expect(error.extensions?.field).toBe(field);
  });

  test('refuses a duplicate email, whatever its case', async () => {
    const input = registerInput();
    await anonymous().ok(REGISTER, { input });
    const error = await anonymous().fails('BAD_USER_INPUT', REGISTER, { input: { ...input, email: input.email.toUpperCase() } });
    expect(error.extensions?.field).toBe('input.email');
  });

  test('accepts a real IANA zone', async () => {
    const { register } = await anonymous().ok(REGISTER, { input: registerInput({ timezone: 'Pacific/Auckland' }) });
    expect(register.user.timezone).toBe('Pacific/Auckland');
  });
});

describe('login', () => {
  test('signs in with the right password', async () => {
    const p = await newPlayer(server.graphqlUrl);
    const { login } = await anonymous().ok(LOGIN, { input: { email: p.email, password: p.password } });
    expect(login.user).toMatchObject({ id: p.id, email: p.email });
    expect((await new TestClient(server.graphqlUrl, login.accessToken).ok(ME)).me.id).toBe(p.id);
  });

  test('answers a wrong password and an unknown email the same way', async () => {
    const p = await newPlayer(server.graphqlUrl);
    const wrong = await anonymous().fails('UNAUTHENTICATED', LOGIN, { input: { email: p.email, password: 'wrong password!' } });
    const unknown = await anonymous().fails('UNAUTHENTICATED', LOGIN, { input: { email: email(), password: p.password } });
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.extensions).toEqual(unknown.extensions);
  });
});

describe('refresh tokens', () => {
  test('refreshSession rotates: new tokens work, the old refresh token does not', async () => {
    const p = await newPlayer(server.graphqlUrl);
    const { refreshSession } = await anonymous().ok(REFRESH, { token: p.refreshToken });
    expect(refreshSession.refreshToken).not.toBe(p.refreshToken);
    expect(refreshSession.user.id).toBe(p.id);
    expect((await new TestClient(server.graphqlUrl, refreshSession.accessToken).ok(ME)).me.id).toBe(p.id);
    await anonymous().fails('UNAUTHENTICATED', REFRESH, { token: p.refreshToken });
  });

  test('reusing a rotated refresh token revokes the whole family, but not other sessions', async () => {
    const p = await newPlayer(server.graphqlUrl);
    const other = (await anonymous().ok(LOGIN, { input: { email: p.email, password: p.password } })).login;
    const first = (await anonymous().ok(REFRESH, { token: p.refreshToken })).refreshSession;
    const second = (await anonymous().ok(REFRESH, { token: first.refreshToken })).refreshSession;

    // a stolen copy of the first token comes back
    await anonymous().fails('UNAUTHENTICATED', REFRESH, { token: p.refreshToken });
    // the newest token of that family is dead too
    await anonymous().fails('UNAUTHENTICATED', REFRESH, { token: second.refreshToken });
    // the session from a separate login lives on
    expect((await anonymous().ok(REFRESH, { token: other.refreshToken })).refreshSession.user.id).toBe(p.id);
  });

  test('logout revokes the session', async () => {
    const p = await newPlayer(server.graphqlUrl);
    const rotated = (await anonymous().ok(REFRESH, { token: p.refreshToken })).refreshSession;
    const client = new TestClient(server.graphqlUrl, rotated.accessToken);
    expect((await client.ok(LOGOUT, { token: rotated.refreshToken })).logout).toBe(true);
    await anonymous().fails('UNAUTHENTICATED', REFRESH, { token: rotated.refreshToken });
    expect((await client.ok(LOGOUT, { token: rotated.refreshToken })).logout).toBe(false);
  });

  test("logout cannot end another user's session", async () => {
    const victim = await newPlayer(server.graphqlUrl);
    const attacker = await newPlayer(server.graphqlUrl);
    expect((await attacker.client.ok(LOGOUT, { token: victim.refreshToken })).logout).toBe(false);
    expect((await anonymous().ok(REFRESH, { token: victim.refreshToken })).refreshSession.user.id).toBe(victim.id);
  });

  test('an unknown refresh token is UNAUTHENTICATED', async () => {
    await anonymous().fails('UNAUTHENTICATED', REFRESH, { token: 'not-a-token' });
  });
});

describe('reading users', () => {
  test('me and user(own id) show the email', async () => {
    const p = await newPlayer(server.graphqlUrl);
    expect((await p.client.ok(ME)).me).toMatchObject({ id: p.id, email: p.email, timezone: 'UTC' });
    expect((await p.client.ok(USER, { id: p.id })).user).toMatchObject({ id: p.id, email: p.email, gameState: { xp: 0 } });
  });

  test('another user, an unknown id and a malformed id are all FORBIDDEN with the same answer', async () => {
    const p = await newPlayer(server.graphqlUrl);
    const other = await newPlayer(server.graphqlUrl);
    const errors = [
      await p.client.fails('FORBIDDEN', USER, { id: other.id }),
      await p.client.fails('FORBIDDEN', USER, { id: randomUUID() }),
      await p.client.fails('FORBIDDEN', USER, { id: 'not-a-uuid' }),
    ];
    expect(new Set(errors.map((e) => e.message)).size).toBe(1);
    expect(JSON.stringify(errors)).not.toContain(other.email);
  });
});

describe('access tokens', () => {
  const issuer = 'xecution';
  const audience = 'xecution-api';
  const secret = () => server.app.config.jwtSecret;
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  test('a token built the way the server builds it is accepted (so the refusals below are meaningful)', async () => {
    const p = await newPlayer(server.graphqlUrl);
    const token = jwt.sign({}, secret(), { algorithm: 'HS256', subject: p.id, issuer, audience, expiresIn: 300 });
    expect((await new TestClient(server.graphqlUrl, token).ok(ME)).me.id).toBe(p.id);
  });

  test('forged, alg:none, expired, wrong-audience and garbage tokens are UNAUTHENTICATED', async () => {
    const p = await newPlayer(server.graphqlUrl);
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      forged: jwt.sign({}, 'another-secret-another-secret-0123456789', {
        algorithm: 'HS256',
        subject: p.id,
        issuer,
        audience,
        expiresIn: 300,
      }),
      algNone: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: p.id, iss: issuer, aud: audience, iat: now, exp: now + 300 })}.`,
      expired: jwt.sign({ iat: now - 600, exp: now - 60 }, secret(), { algorithm: 'HS256', subject: p.id, issuer, audience }),
      wrongAudience: jwt.sign({}, secret(), { algorithm: 'HS256', subject: p.id, issuer, audience: 'someone-else', expiresIn: 300 }),
      wrongIssuer: jwt.sign({}, secret(), { algorithm: 'HS256', subject: p.id, issuer: 'evil', audience, expiresIn: 300 }),
      garbage: 'garbage',
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const response = await new TestClient(server.graphqlUrl, token).raw(ME);
      expect({ kind, code: response.errors?.[0]?.extensions?.code, data: response.data ?? null }).toEqual({
        kind,
        code: 'UNAUTHENTICATED',
        data: null,
      });
    }
  });

  test('a signed-out caller cannot act: representative operations with real arguments', async () => {
    const client = anonymous();
    await client.fails('UNAUTHENTICATED', ME);
    await client.fails('UNAUTHENTICATED', GAME_STATE);
    await client.fails('UNAUTHENTICATED', CHECK_IN);
    await client.fails('UNAUTHENTICATED', BUY_TOOL, { code: 'ENERGY_DRINK' });
    await client.fails('UNAUTHENTICATED', LOGOUT, { token: 'x' });
  });

  test('every Query and Mutation field but register, login and refreshSession refuses a caller without a token', async () => {
    const schema = (await anonymous().ok<{ __schema: IntrospectedSchema }>(INTROSPECT)).__schema;
    const roots = [schema.queryType.name, schema.mutationType.name];
    let checked = 0;
    for (const root of roots) {
      const type = schema.types.find((t) => t.name === root)!;
      for (const field of type.fields ?? []) {
        if (PUBLIC_FIELDS.has(field.name)) continue;
        const document = operationFor(root === schema.queryType.name ? 'query' : 'mutation', field);
        const response = await anonymous().raw(document);
        expect({ field: field.name, code: response.errors?.[0]?.extensions?.code }).toEqual({ field: field.name, code: 'UNAUTHENTICATED' });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(16);
  });
});

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
const INTROSPECT = `{ __schema { queryType { name } mutationType { name }
  types { name fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } } } }`;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

interface IntrospectedField {
  name: string;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}

interface IntrospectedSchema {
  queryType: { name: string };
  mutationType: { name: string };
  types: { name: string; fields: IntrospectedField[] | null }[];
}

const typeName = (ref: TypeRef): string =>
  ref.kind === 'NON_NULL' ? `${typeName(ref.ofType!)}!` : ref.kind === 'LIST' ? `[${typeName(ref.ofType!)}]` : ref.name!;

const isLeaf = (ref: TypeRef): boolean => (ref.ofType ? isLeaf(ref.ofType) : ref.kind === 'SCALAR' || ref.kind === 'ENUM');

/**
 * A valid operation calling `field` with every argument declared as a variable. The variables are left
 * unset: authorization runs before execution coerces them, so a missing token must be refused first.
 */
function operationFor(operation: string, field: IntrospectedField): string {
  const variables = field.args.map((a) => `$${a.name}: ${typeName(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${operation}${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${isLeaf(field.type) ? '' : ' { __typename }'} }`;
}
