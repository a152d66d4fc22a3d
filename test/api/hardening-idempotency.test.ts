import { randomUUID } from 'node:crypto';

import { gql } from '../support/http';
import { CHECK_IN, START_SPRINT } from '../support/operations';
import { directPlayer } from '../support/players';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.setClock('2026-03-02T09:00:00Z');
}, 60_000);
afterAll(() => server?.stop());

const checkInsOf = async (userId: string) =>
  (await server.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM check_ins WHERE user_id = $1', [userId]))[0].n;
const ledgerOf = async (userId: string) =>
  (await server.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM xp_ledger WHERE user_id = $1', [userId]))[0].n;

function send(token: string, key: string, query: string, variables?: Record<string, unknown>) {
  return gql(server.graphqlUrl, query, variables, { token, headers: { 'idempotency-key': key } });
}

test('replay: the same key and request return the stored first response, and nothing runs twice', async () => {
  const player = await directPlayer(server);
  const key = randomUUID();
  const first = await send(player.client.accessToken!, key, CHECK_IN, { input: { mood: 4 } });
  expect(first.status).toBe(200);
  expect(first.body.errors).toBeUndefined();
  expect(first.headers.get('idempotent-replayed')).toBeNull();
  const ledger = await ledgerOf(player.id);

  for (let i = 0; i < 3; i++) {
    const again = await send(player.client.accessToken!, key, CHECK_IN, { input: { mood: 4 } });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
  }
  expect(await checkInsOf(player.id)).toBe(1);
  expect(await ledgerOf(player.id)).toBe(ledger);

  // Without the key the same mutation runs and meets the rule.
  const plain = await gql(server.graphqlUrl, CHECK_IN, { input: { mood: 4 } }, { token: player.client.accessToken });
  expect(plain.body.errors[0].extensions.code).toBe('ALREADY_CHECKED_IN');
});

test('variables in another key order are the same request', async () => {
  const player = await directPlayer(server);
  const key = randomUUID();
  const first = await send(player.client.accessToken!, key, CHECK_IN, { input: { mood: 3, note: 'ordered' } });
  const again = await send(player.client.accessToken!, key, CHECK_IN, { input: { note: 'ordered', mood: 3 } });
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect({ data: again.body.data, errors: again.body.errors }).toEqual({ data: first.body.data, errors: first.body.errors });
});

test('mismatch: the same key with other variables or another operation is IDEMPOTENCY_KEY_REUSED (422)', async () => {
  const player = await directPlayer(server);
  const key = randomUUID();
  await send(player.client.accessToken!, key, CHECK_IN, { input: { mood: 2 } });
  const otherVariables = await send(player.client.accessToken!, key, CHECK_IN, { input: { mood: 5 } });
  expect(otherVariables.status).toBe(422);
  expect(otherVariables.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
  const otherOperation = await send(player.client.accessToken!, key, START_SPRINT, { input: { plannedMinutes: 25 } });
  expect(otherOperation.status).toBe(422);
  expect(await server.app.db.query('SELECT 1 FROM sprints WHERE user_id = $1', [player.id])).toHaveLength(0);
});

test('keys belong to a user: another user with the same key runs their own mutation', async () => {
  const [a, b] = [await directPlayer(server), await directPlayer(server)];
  const key = 'shared-key-1';
  const first = await send(a.client.accessToken!, key, CHECK_IN, {});
  const second = await send(b.client.accessToken!, key, CHECK_IN, {});
  expect(second.headers.get('idempotent-replayed')).toBeNull();
  expect(second.body.data.checkIn.checkIn.id).not.toBe(first.body.data.checkIn.checkIn.id);
  expect([await checkInsOf(a.id), await checkInsOf(b.id)]).toEqual([1, 1]);
});

test('concurrent duplicates with one key execute once; every answer is the first response or a clear 409', async () => {
  const player = await directPlayer(server);
  const key = randomUUID();
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => send(player.client.accessToken!, key, START_SPRINT, { input: { plannedMinutes: 30 } })),
  );
  const executed = answers.filter((a) => a.status === 200 && a.headers.get('idempotent-replayed') === null);
  const replayed = answers.filter((a) => a.headers.get('idempotent-replayed') === 'true');
  const busy = answers.filter((a) => a.status === 409);
  expect(executed).toHaveLength(1);
  expect(replayed.length + busy.length).toBe(7);
  for (const r of replayed) expect(r.body.data).toEqual(executed[0].body.data);
  for (const b of busy) expect(b.body.errors[0].extensions).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', retryAfterSeconds: 1 });
  const sprints = await server.app.db.query('SELECT id FROM sprints WHERE user_id = $1', [player.id]);
  expect(sprints).toHaveLength(1);
});

test('a refused mutation is stored too: its replay is the same error, not a second attempt', async () => {
  const player = await directPlayer(server);
  await send(player.client.accessToken!, randomUUID(), CHECK_IN, {});
  const key = randomUUID();
  const refused = await send(player.client.accessToken!, key, CHECK_IN, {});
  expect(refused.body.errors[0].extensions.code).toBe('ALREADY_CHECKED_IN');
  const replay = await send(player.client.accessToken!, key, CHECK_IN, {});
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect({ data: replay.body.data, errors: replay.body.errors }).toEqual({ data: refused.body.data, errors: refused.body.errors });
});

test('keys expire after IDEMPOTENCY_TTL_HOURS (24 h): then the request runs again', async () => {
  const player = await directPlayer(server);
  const key = randomUUID();
  await send(player.client.accessToken!, key, CHECK_IN, {});
  await server.advance(23 * 3600);
  expect((await send(player.client.accessToken!, key, CHECK_IN, {})).headers.get('idempotent-replayed')).toBe('true');
  await server.advance(2 * 3600);
  const later = await send(player.client.accessToken!, key, CHECK_IN, {});
  expect(later.headers.get('idempotent-replayed')).toBeNull();
  expect(later.body.errors).toBeUndefined();
  expect(await checkInsOf(player.id)).toBe(2);
});

test('queries ignore the key; a malformed key on a mutation is a 400', async () => {
  const player = await directPlayer(server);
  const query = await send(player.client.accessToken!, 'q-key', '{ me { id } }');
  expect(query.status).toBe(200);
  expect(await server.app.db.query('SELECT 1 FROM idempotency_keys WHERE user_id = $1', [player.id])).toHaveLength(0);
  const bad = await send(player.client.accessToken!, 'x'.repeat(300), CHECK_IN, {});
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(await checkInsOf(player.id)).toBe(0);
});

describe('nothing secret is stored (issue 15, finding 3: refreshSession and login kept live tokens for 24 h)', () => {
  const REFRESH = `mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
  const LOGIN = `mutation L($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`;
  const storedFor = (userId: string) =>
    server.app.db.query<{ response: unknown }>('SELECT response FROM idempotency_keys WHERE user_id = $1', [userId]);

  test('refreshSession and login with an Idempotency-Key, signed in: they run, nothing is kept, nothing is replayed', async () => {
    const player = await directPlayer(server);
    const token = player.client.accessToken!;
    const key = randomUUID();
    const refreshed = await send(token, key, REFRESH, { t: player.refreshToken });
    expect(refreshed.body.data.refreshSession.refreshToken).toEqual(expect.any(String));
    const login = await send(token, randomUUID(), LOGIN, { input: { email: player.email, password: player.password } });
    expect(login.body.data.login.accessToken).toEqual(expect.any(String));
    expect(await storedFor(player.id)).toEqual([]);
    const rows = await server.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_keys WHERE response::text LIKE $1`, [
      `%${refreshed.body.data.refreshSession.refreshToken}%`,
    ]);
    expect(rows[0].n).toBe(0);
    // The same key again is not a replay of the tokens: the used refresh token is refused (and its family revoked).
    const again = await send(token, key, REFRESH, { t: player.refreshToken });
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
