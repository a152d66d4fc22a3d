import jwt from 'jsonwebtoken';

import { newPlayer, type Player } from '../support/client';
import { gql } from '../support/http';
import { ACCEPT_INVITE, CREATE_INVITE } from '../support/mentors';
import { startTestServer, type TestServer } from '../support/server';
import { GAME_EVENTS, subscribe, wsClient } from '../support/ws';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const REFRESH = `mutation Refresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;

let server: TestServer;
let victim: Player;
beforeAll(async () => {
  server = await startTestServer({ JWT_SECRET: SECRET });
  victim = await newPlayer(server.graphqlUrl);
}, 60_000);
afterAll(() => server?.stop());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: victim.id,
  iss: 'xecution',
  aud: 'xecution-api',
  iat: now(),
  exp: now() + 600,
  ...extra,
});

const forgeries: [string, () => string][] = [
  ['alg: none, no signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
  ['alg: none, with a signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.c2lnbmF0dXJl`],
  ['signed with another secret', () => jwt.sign(claims(), 'another-secret-another-secret-another-1', { algorithm: 'HS256' })],
  ['HS512 with the right secret (only HS256 is accepted)', () => jwt.sign(claims(), SECRET, { algorithm: 'HS512' })],
  ['expired', () => jwt.sign(claims({ iat: now() - 3600, exp: now() - 60 }), SECRET, { algorithm: 'HS256' })],
  ['not yet valid (nbf in the future)', () => jwt.sign(claims({ nbf: now() + 3600 }), SECRET, { algorithm: 'HS256' })],
  ['another issuer', () => jwt.sign(claims({ iss: 'someone-else' }), SECRET, { algorithm: 'HS256' })],
  ['another audience', () => jwt.sign(claims({ aud: 'another-api' }), SECRET, { algorithm: 'HS256' })],
  [
    'a real token with its subject swapped',
    () => {
      const [header, , signature] = victim.client.accessToken!.split('.');
      return `${header}.${b64(claims({ sub: '00000000-0000-4000-8000-000000000000' }))}.${signature}`;
    },
  ],
  ['garbage', () => 'not.a.jwt'],
];

describe('forged and stale access tokens', () => {
  test.each(forgeries)('HTTP: %s → UNAUTHENTICATED (401)', async (_name, forge) => {
    const res = await gql(server.graphqlUrl, '{ me { id email } }', {}, { token: forge() });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  test.each(forgeries)('WebSocket: %s → UNAUTHENTICATED', async (_name, forge) => {
    const client = wsClient(server.url, forge());
    try {
      const sub = await subscribe(client, GAME_EVENTS, { userId: victim.id });
      await sub.waitForEnd(3_000);
      expect((sub.error as any[])[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(sub.results).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  test('the genuine token works (control)', async () => {
    const res = await gql(server.graphqlUrl, '{ me { id } }', {}, { token: victim.client.accessToken });
    expect(res.body.data.me.id).toBe(victim.id);
  });
});

describe('refresh tokens', () => {
  test('a refresh token reused after rotation revokes the whole family', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const first = await gql(server.graphqlUrl, REFRESH, { t: player.refreshToken });
    const rotated = first.body.data.refreshSession.refreshToken as string;
    // The old token again: someone holds a copy.
    const replay = await gql(server.graphqlUrl, REFRESH, { t: player.refreshToken });
    expect(replay.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // ...so the rotated one is revoked too: the thief and the victim both sign in again.
    const afterRevoke = await gql(server.graphqlUrl, REFRESH, { t: rotated });
    expect(afterRevoke.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('an access token is not a refresh token, and a made-up one is refused', async () => {
    for (const t of [victim.client.accessToken!, 'A'.repeat(43), '']) {
      const res = await gql(server.graphqlUrl, REFRESH, { t });
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('strangers and mentors', () => {
  test('a stranger reads nothing of another user, over HTTP or WebSocket', async () => {
    const stranger = await newPlayer(server.graphqlUrl);
    const res = await gql(
      server.graphqlUrl,
      'query U($id: ID!) { user(id: $id) { id email gameState { xp } } }',
      { id: victim.id },
      {
        token: stranger.client.accessToken,
      },
    );
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body)).not.toContain(victim.email);
    const client = wsClient(server.url, stranger.client.accessToken);
    try {
      const sub = await subscribe(client, GAME_EVENTS, { userId: victim.id, after: '0' });
      await sub.waitForEnd(3_000);
      expect(sub.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    } finally {
      await client.dispose();
    }
  });

  test('a mentor reads the mentee, never their email, and cannot act for them', async () => {
    const [mentee, mentor] = [await newPlayer(server.graphqlUrl), await newPlayer(server.graphqlUrl)];
    const { createMentorInvite } = await mentee.client.ok(CREATE_INVITE);
    await mentor.client.ok(ACCEPT_INVITE, { code: createMentorInvite.code });
    const read = await mentor.client.ok('query U($id: ID!) { user(id: $id) { id email gameState { xp } } }', { id: mentee.id });
    expect(read.user).toMatchObject({ id: mentee.id, email: null });
    // Mutations act on the caller only: the mentor's check-in is the mentor's.
    await mentor.client.ok('mutation { checkIn { checkIn { id } } }');
    const rows = await server.app.db.query('SELECT 1 FROM check_ins WHERE user_id = $1', [mentee.id]);
    expect(rows).toHaveLength(0);
  });
});
