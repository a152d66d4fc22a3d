import { randomUUID } from 'node:crypto';

import jwt from 'jsonwebtoken';
import WebSocket from 'ws';

import { eventually } from '../support/eventually';
import { gql, post } from '../support/http';
import { CHECK_IN } from '../support/operations';
import { directPlayer } from '../support/players';
import { startTestServer, type TestServer } from '../support/server';

/** Finding 7 of issue 15: inputs that gave a 500 (a stack overflow while hashing, a subject that is not a user id). */
const SECRET = 'test-secret-test-secret-test-secret-0123';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ JWT_SECRET: SECRET });
  await server.setClock('2026-03-02T09:00:00Z');
}, 60_000);
afterAll(() => server?.stop());

/** `[[…[1]…]]` nested `depth` deep, as JSON text (built without recursion). */
const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('variables nested 40,000 deep', () => {
  test('with an Idempotency-Key: 400 BAD_USER_INPUT naming variables, before anything is hashed or run', async () => {
    const player = await directPlayer(server);
    const body = `{"query":${JSON.stringify(CHECK_IN)},"variables":{"input":{"note":"x"},"deep":${nested(40_000)}}}`;
    const res = await post(server.graphqlUrl, body, {
      authorization: `Bearer ${player.client.accessToken}`,
      'idempotency-key': randomUUID(),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'variables' });
    expect(await server.app.db.query('SELECT 1 FROM check_ins WHERE user_id = $1', [player.id])).toHaveLength(0);
    expect(await server.app.db.query('SELECT 1 FROM idempotency_keys WHERE user_id = $1', [player.id])).toHaveLength(0);
    // The server is still serving.
    expect((await gql(server.graphqlUrl, '{ me { id } }', {}, { token: player.client.accessToken })).status).toBe(200);
  });

  test('over GET (variables as JSON text) and just past the limit: the same 400', async () => {
    const player = await directPlayer(server);
    const url = `${server.graphqlUrl}?query=${encodeURIComponent('{ me { id } }')}&variables=${encodeURIComponent(`{"deep":${nested(33)}}`)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${player.client.accessToken}`, 'apollo-require-preflight': '1' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'variables' });
    // 31 levels under `deep` (32 with the variables object itself) are fine.
    const ok = await post(server.graphqlUrl, `{"query":"{ me { id } }","variables":{"deep":${nested(31)}}}`, {
      authorization: `Bearer ${player.client.accessToken}`,
    });
    expect({ status: ok.status, errors: ok.body.errors }).toEqual({ status: 200, errors: undefined });
  });

  test('over WebSocket (a raw socket: a client library could not even serialise it): refused with BAD_USER_INPUT', async () => {
    const player = await directPlayer(server);
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: any[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${player.client.accessToken}` } }));
    await eventually(() => messages.some((m) => m.type === 'connection_ack'), { timeoutMs: 5_000, what: 'ack' });
    const query = JSON.stringify('subscription { xpGained { amount } }');
    socket.send(`{"type":"subscribe","id":"1","payload":{"query":${query},"variables":{"deep":${nested(20_000)}}}}`);
    await eventually(() => messages.some((m) => m.id === '1'), { timeoutMs: 5_000, what: 'an answer' });
    expect(messages.filter((m) => m.id === '1').map((m) => [m.type, m.payload?.[0]?.extensions])).toEqual([
      ['error', { code: 'BAD_USER_INPUT', field: 'variables' }],
    ]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });
});

describe('a validly signed token whose subject is not a user id', () => {
  const token = (sub: string) =>
    jwt.sign({}, SECRET, { algorithm: 'HS256', subject: sub, issuer: 'xecution', audience: 'xecution-api', expiresIn: 600 });

  test.each(['admin', "1' OR '1'='1", '', '00000000-0000-4000-8000-00000000000Z'])(
    'subject %j: a mutation answers 401, never 500',
    async (sub) => {
      const mutation = await gql(server.graphqlUrl, CHECK_IN, { input: { mood: 3 } }, { token: token(sub) });
      expect({ status: mutation.status, code: mutation.body.errors[0].extensions.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      const query = await gql(server.graphqlUrl, '{ me { id } }', {}, { token: token(sub) });
      expect({ status: query.status, code: query.body.errors[0].extensions.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    },
  );
});
