import { Client, fetchExchange, gql } from '@urql/core';

import { newPlayer, type Player } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';

const APP = 'https://app.example.test';
const EVIL = 'https://evil.example.test';

let server: TestServer;
let player: Player;
beforeAll(async () => {
  server = await startTestServer({ ALLOWED_ORIGINS: `${APP}, https://other.example.test` });
  player = await newPlayer(server.graphqlUrl);
}, 120_000);
afterAll(() => server.stop());

const preflight = (origin: string, path = '/graphql') =>
  fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

const query = (origin: string | null, headers: Record<string, string> = {}) =>
  fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}), ...headers },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });

const getQuery = (source: string, headers: Record<string, string> = {}) =>
  fetch(`${server.graphqlUrl}?query=${encodeURIComponent(source)}`, { headers });

describe('CORS', () => {
  test('a preflight from an allowed origin is answered 204 with its origin, methods and headers (no CSRF refusal)', async () => {
    const res = await preflight(APP);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  test("the API's own origin is always allowed", async () => {
    const res = await preflight(server.url);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(server.url);
  });

  test('a preflight from another origin gets 403 and no CORS header', async () => {
    const res = await preflight(EVIL);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  test('POST (the path without Express) carries the allowed origin, and nothing for another one', async () => {
    const allowed = await query(APP, { authorization: `Bearer ${player.client.accessToken}` });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    expect(((await allowed.json()) as any).data.me.id).toBe(player.id);
    const other = await query(EVIL, { authorization: `Bearer ${player.client.accessToken}` });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const noOrigin = await query(null);
    expect(noOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('GET carries the allowed origin too', async () => {
    const res = await getQuery('{ me { id } }', { origin: APP, authorization: `Bearer ${player.client.accessToken}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    const other = await getQuery('{ me { id } }', { origin: EVIL, authorization: `Bearer ${player.client.accessToken}` });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CSRF prevention', () => {
  test('a GET with Authorization is served (a cross-site form cannot send that header)', async () => {
    const res = await getQuery('{ me { id } }', { authorization: `Bearer ${player.client.accessToken}` });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.me.id).toBe(player.id);
  });

  test('simple requests without Authorization or JSON are refused', async () => {
    const simpleGet = await getQuery('{ __typename }', { origin: EVIL });
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/i);
    const form = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL },
      body: 'query=%7B__typename%7D',
    });
    expect(form.status).toBe(400);
    const text = await fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(text.status).toBe(400);
  });

  test('GET runs queries only: a mutation over GET is refused and changes nothing', async () => {
    const res = await getQuery('mutation { checkIn { xpGained } }', { authorization: `Bearer ${player.client.accessToken}` });
    expect(res.status).toBe(405);
    const state = await player.client.ok('{ gameState { checkedInToday xp } }');
    expect(state.gameState).toEqual({ checkedInToday: false, xp: 0 });
  });
});

test("urql's default client (queries as GET) reads with the Authorization header", async () => {
  const methods: (string | undefined)[] = [];
  const client = new Client({
    url: server.graphqlUrl,
    exchanges: [fetchExchange],
    fetch: (input, init) => {
      methods.push(init?.method);
      return fetch(input, init);
    },
    fetchOptions: () => ({ headers: { authorization: `Bearer ${player.client.accessToken}` } }),
  });
  const result = await client.query(gql`{ me { id displayName } }`, {}).toPromise();
  expect(methods).toEqual(['GET']);
  expect(result.error).toBeUndefined();
  expect(result.data.me.id).toBe(player.id);
});
