import { Lexer, Source, TokenKind } from 'graphql';
import WebSocket from 'ws';

import type { Player } from '../support/client';
import { gql, post } from '../support/http';
import { directPlayer } from '../support/players';
import { startTestServer, type TestServer } from '../support/server';
import { subscribe, wsClient } from '../support/ws';

function tokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/** Subscribes over WebSocket; resolves with the error codes the server sent, or [] when it accepted. */
async function wsCodes(server: TestServer, token: string, query: string, variables?: Record<string, unknown>): Promise<string[]> {
  const client = wsClient(server.url, token);
  try {
    const sub = await subscribe(client, query, variables);
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (!sub.error) return [];
    const errors = Array.isArray(sub.error) ? sub.error : [sub.error];
    return errors.map((e: any) => String(e.extensions?.code));
  } finally {
    await client.dispose();
  }
}

/** HTTP: the under query is answered with data, the over one refused with QUERY_TOO_COMPLEX and a 400. */
async function expectHttpBoundary(server: TestServer, player: Player, under: string, over: string) {
  const ok = await gql(server.graphqlUrl, under, undefined, { token: player.client.accessToken });
  expect({ under, status: ok.status, errors: ok.body.errors }).toEqual({ under, status: 200, errors: undefined });
  const refused = await gql(server.graphqlUrl, over, undefined, { token: player.client.accessToken });
  expect({ over, status: refused.status, codes: refused.body.errors.map((e: any) => e.extensions.code) }).toEqual({
    over,
    status: 400,
    codes: ['QUERY_TOO_COMPLEX'],
  });
  expect(refused.body.data).toBeUndefined();
}

async function expectWsBoundary(server: TestServer, player: Player, under: string, over: string) {
  expect({ under, codes: await wsCodes(server, player.client.accessToken!, under) }).toEqual({ under, codes: [] });
  expect({ over, codes: await wsCodes(server, player.client.accessToken!, over) }).toEqual({ over, codes: ['QUERY_TOO_COMPLEX'] });
}

describe('depth, aliases and directives (QUERY_MAX_DEPTH=4, QUERY_MAX_ALIASES=3, QUERY_MAX_DIRECTIVES=2)', () => {
  let server: TestServer;
  let player: Player;
  beforeAll(async () => {
    server = await startTestServer({ QUERY_MAX_DEPTH: '4', QUERY_MAX_ALIASES: '3', QUERY_MAX_DIRECTIVES: '2' });
    player = await directPlayer(server);
  }, 60_000);
  afterAll(() => server?.stop());

  test('depth 4 passes, depth 5 is refused (HTTP)', () =>
    expectHttpBoundary(
      server,
      player,
      `{ me { gameState { streak { current } } } }`,
      `{ me { gameState { achievements { achievement { code } } } } }`,
    ));

  test('depth 4 passes, depth 5 is refused (WebSocket)', () =>
    expectWsBoundary(
      server,
      player,
      `subscription { gameEvents { ... on AchievementEvent { achievement { code } } } }`,
      `subscription { gameEvents { ... on AchievementEvent { ... on AchievementEvent { achievement { code } } } } }`,
    ));

  test('fragments count towards depth: a spread cannot hide a deep query', async () => {
    const refused = await gql(
      server.graphqlUrl,
      `query { me { ...G } } fragment G on User { gameState { achievements { achievement { code } } } }`,
      undefined,
      { token: player.client.accessToken },
    );
    expect(refused.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  test('3 aliases pass, 4 are refused (HTTP)', () =>
    expectHttpBoundary(
      server,
      player,
      `{ a: me { id } b: me { id } c: me { id } }`,
      `{ a: me { id } b: me { id } c: me { id } d: me { id } }`,
    ));

  test('3 aliases pass, 4 are refused (WebSocket)', () =>
    expectWsBoundary(
      server,
      player,
      `subscription { xpGained { a: amount b: amount c: amount } }`,
      `subscription { xpGained { a: amount b: amount c: amount d: amount } }`,
    ));

  test('2 directives pass, 3 are refused (HTTP)', () =>
    expectHttpBoundary(
      server,
      player,
      `{ me { id @include(if: true) displayName @skip(if: false) } }`,
      `{ me { id @include(if: true) displayName @skip(if: false) timezone @include(if: true) } }`,
    ));

  test('2 directives pass, 3 are refused (WebSocket)', () =>
    expectWsBoundary(
      server,
      player,
      `subscription { xpGained { amount @include(if: true) source @include(if: true) } }`,
      `subscription { xpGained { amount @include(if: true) source @include(if: true) totalXp @include(if: true) } }`,
    ));

  test('the IDE introspection query is not limited by depth', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const res = await gql(server.graphqlUrl, getIntrospectionQuery(), undefined, { token: player.client.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.data.__schema.queryType.name).toBe('Query');
  });
});

describe('cost (QUERY_MAX_COST=5: objects 2, scalars 1, ×1.5 per level)', () => {
  let server: TestServer;
  let player: Player;
  beforeAll(async () => {
    server = await startTestServer({ QUERY_MAX_COST: '5' });
    player = await directPlayer(server);
  }, 60_000);
  afterAll(() => server?.stop());

  test('cost 5 passes, cost 6.5 is refused (HTTP)', () =>
    expectHttpBoundary(server, player, `{ me { id displayName } }`, `{ me { id displayName timezone } }`));

  test('cost 5 passes, cost 6.5 is refused (WebSocket)', () =>
    expectWsBoundary(server, player, `subscription { xpGained { amount source } }`, `subscription { xpGained { amount source totalXp } }`));

  test('outside production, a misspelt field gets a suggestion', async () => {
    const res = await gql(server.graphqlUrl, `{ me { displayNam } }`, undefined, {
      token: player.client.accessToken,
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Did you mean/);
  });
});

describe('tokens, body size, socket payload, subscriptions per socket, origins', () => {
  let server: TestServer;
  let player: Player;
  const underHttp = `{ me { id displayName timezone createdAt email } }`;
  const overHttp = `{ me { id displayName timezone createdAt email __typename } }`;
  const underWs = `subscription { xpGained { amount source totalXp level } }`;
  const overWs = `subscription { xpGained { amount source totalXp level cursor } }`;
  beforeAll(async () => {
    expect([tokens(underHttp), tokens(overHttp), tokens(underWs), tokens(overWs)]).toEqual([10, 11, 10, 11]);
    server = await startTestServer({
      QUERY_MAX_TOKENS: '10',
      REQUEST_BODY_LIMIT_BYTES: '2048',
      WS_MAX_PAYLOAD_BYTES: '2048',
      WS_MAX_SUBSCRIPTIONS: '2',
      ALLOWED_ORIGINS: 'https://app.example.test',
    });
    player = await directPlayer(server);
  }, 60_000);
  afterAll(() => server?.stop());

  test('10 tokens pass, 11 are refused (HTTP)', () => expectHttpBoundary(server, player, underHttp, overHttp));

  test('10 tokens pass, 11 are refused (WebSocket)', () => expectWsBoundary(server, player, underWs, overWs));

  test('a body just under the limit is read; just over it is a 413 with a GraphQL-shaped error', async () => {
    const body = (pad: number) => JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(pad) } });
    const size = body(0).length;
    const auth = { authorization: `Bearer ${player.client.accessToken}` };
    const under = await post(server.graphqlUrl, body(2048 - size), auth);
    expect(under.status).toBe(200);
    expect(under.body.data.me.id).toBe(player.id);
    const over = await post(server.graphqlUrl, body(2049 - size), auth);
    expect(over.status).toBe(413);
    expect(over.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(over.body.errors[0].message).toMatch(/too large/);
  });

  test('a socket message just under maxPayload is accepted; over it the socket is closed (1009)', async () => {
    const url = `${server.url.replace(/^http/, 'ws')}/graphql`;
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${player.client.accessToken}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    let id = 0;
    const message = (pad: number) =>
      JSON.stringify({
        id: `s${++id}`,
        type: 'subscribe',
        payload: { query: 'subscription { xpGained { amount } }', variables: { pad: 'x'.repeat(pad) } },
      });
    const base = message(0).length; // ids s1..s3: the same length
    socket.send(message(2048 - base));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.readyState).toBe(WebSocket.OPEN);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(message(2049 - base));
    expect(await closed).toBe(1009);
  });

  test('at most 2 subscriptions per socket', async () => {
    const client = wsClient(server.url, player.client.accessToken);
    try {
      const first = await subscribe(client, `subscription { xpGained { amount } }`);
      const second = await subscribe(client, `subscription { streakUpdated { current } }`);
      const third = await subscribe(client, `subscription { achievementUnlocked { cursor } }`);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect([first.error, second.error]).toEqual([null, null]);
      expect((third.error as any[])[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    } finally {
      await client.dispose();
    }
  });

  test('only subscriptions over the socket, and subscriptions only over the socket', async () => {
    expect(await wsCodes(server, player.client.accessToken!, `{ me { id } }`)).toEqual(['BAD_REQUEST']);
    const overHttp = await gql(server.graphqlUrl, `subscription { xpGained { amount } }`, undefined, { token: player.client.accessToken });
    expect([overHttp.status, overHttp.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
  });

  test('Origin on upgrade: none, the API itself and the allowlist pass; another site is refused with 403', async () => {
    const url = `${server.url.replace(/^http/, 'ws')}/graphql`;
    const open = (origin?: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, 'graphql-transport-ws', origin ? { origin } : {});
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          socket.terminate();
        });
        socket.once('error', () => resolve(-1));
      });
    expect(await open()).toBe(101);
    expect(await open(server.url)).toBe(101);
    expect(await open('https://app.example.test')).toBe(101);
    expect(await open('https://evil.example.test')).toBe(403);
    expect(await open('null')).toBe(403);
  });
});

describe('production', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: 'production', TEST_CLOCK: '' });
  }, 60_000);
  afterAll(() => server?.stop());

  test('field suggestions are off', async () => {
    const player = await directPlayer(server);
    const res = await gql(server.graphqlUrl, `{ me { displayNam } }`, undefined, {
      token: player.client.accessToken,
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).not.toMatch(/Did you mean/);
    const ws = await wsCodes(server, player.client.accessToken!, `subscription { xpGained { amoun } }`);
    expect(ws).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('CSRF prevention', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(() => server?.stop());

  test('a simple (form-like) request is refused; JSON and preflighted GETs are served', async () => {
    const plain = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"{ __typename }"}',
    });
    expect(plain.status).toBe(400);
    const simpleGet = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/i);
    const preflighted = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
    const json = await post(server.graphqlUrl, { query: '{ __typename }' });
    expect(json.status).toBe(200);
    expect(json.body.data.__typename).toBe('Query');
  });
});
