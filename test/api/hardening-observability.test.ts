import { newPlayer } from '../support/client';
import { eventually } from '../support/eventually';
import { gql } from '../support/http';
import { capturingLogger } from '../support/logger';
import { metricValue } from '../support/metrics';
import { CHECK_IN } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';
import { GAME_EVENTS, subscribe, wsClient } from '../support/ws';

const capture = capturingLogger('info');
let server: TestServer;
// Its own database: the events-published counter is this instance's, and relays of servers in other test files would publish its events.
beforeAll(async () => {
  server = await startTestServer({}, { log: capture.log, isolatedDatabase: true });
  await server.setClock('2026-03-02T09:00:00Z');
}, 60_000);
afterAll(() => server?.stop());

describe('structured logs', () => {
  test('one JSON line per request with request id and operation name; never passwords or tokens', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const login = await gql(
      server.graphqlUrl,
      `mutation SignIn($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
      { input: { email: player.email, password: player.password } },
      { headers: { 'x-request-id': 'req-login-1' } },
    );
    const { accessToken, refreshToken } = login.body.data.login;
    expect(login.headers.get('x-request-id')).toBe('req-login-1');
    await gql(server.graphqlUrl, `mutation Refresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: refreshToken });
    await gql(
      server.graphqlUrl,
      `mutation Bad { login(input: { email: "${player.email}", password: "wrong password 123" }) { accessToken } }`,
    );
    await gql(server.graphqlUrl, `query Me { me { id } }`, {}, { token: accessToken });
    // Something that logs an error object with the request in it.
    server.app.log.warn(
      { variables: { input: { password: player.password } }, headers: { authorization: `Bearer ${accessToken}` }, refreshToken },
      'probe',
    );

    const lines = capture.lines.map((line) => JSON.parse(line) as Record<string, any>);
    const signIn = lines.find((l) => l.msg === 'graphql request' && l.operationName === 'SignIn');
    expect(signIn).toMatchObject({ requestId: 'req-login-1', operationType: 'mutation', status: 200, level: 30 });
    expect(typeof signIn?.durationMs).toBe('number');
    expect(lines.find((l) => l.operationName === 'Bad')).toMatchObject({ errorCodes: ['UNAUTHENTICATED'] });
    expect(lines.find((l) => l.operationName === 'Me')?.requestId).toEqual(expect.any(String));

    const all = capture.lines.join('\n');
    for (const secret of [player.password, 'wrong password 123', accessToken, refreshToken, player.refreshToken]) {
      expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
    }
    expect(all).toContain('[redacted]');
  });
});

describe('health', () => {
  test('/health/live and /health/ready', async () => {
    const live = await fetch(`${server.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', redis: process.env.REDIS_URL ? 'ok' : 'not configured' },
    });
  });
});

describe('Prometheus metrics', () => {
  test('request duration by operation, errors by code, sockets, subscriptions, events published and replayed, outbox lag', async () => {
    const player = await newPlayer(server.graphqlUrl);
    await player.client.ok(CHECK_IN);
    await gql(server.graphqlUrl, `query Anonymous { me { id } }`);
    const client = wsClient(server.url, player.client.accessToken);
    try {
      const sub = await subscribe(client, GAME_EVENTS, { after: '0' });
      await sub.waitFor(2);
      await eventually(async () => server.app.relay.published > 0, { timeoutMs: 5_000, what: 'relay published' });
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/plain/);
      const text = await res.text();
      expect(
        metricValue(text, /^xecution_graphql_request_duration_seconds_count\{operation="CheckIn",type="mutation"\}/),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metricValue(text, /^xecution_graphql_request_duration_seconds_count\{operation="Register",type="mutation"\}/),
      ).toBeGreaterThanOrEqual(1);
      expect(metricValue(text, /^xecution_graphql_errors_total\{code="UNAUTHENTICATED"\}/)).toBeGreaterThanOrEqual(1);
      expect(metricValue(text, /^xecution_websocket_connections /)).toBe(1);
      expect(metricValue(text, /^xecution_active_subscriptions /)).toBe(1);
      expect(metricValue(text, /^xecution_events_published_total /)).toBeGreaterThanOrEqual(2);
      expect(metricValue(text, /^xecution_events_replayed_total /)).toBeGreaterThanOrEqual(2);
      expect(metricValue(text, /^xecution_outbox_lag_seconds /)).toBe(0);
      expect(text).toContain('xecution_process_cpu_user_seconds_total');
    } finally {
      await client.dispose();
    }
    await eventually(
      async () => metricValue(await (await fetch(`${server.url}/metrics`)).text(), /^xecution_websocket_connections /) === 0,
      { timeoutMs: 5_000, what: 'no open WebSocket counted' },
    );
  });

  test('operation names from clients cannot blow up the label set', async () => {
    await gql(server.graphqlUrl, `query ${'X'.repeat(100)} { __typename }`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).not.toContain('X'.repeat(100));
  });
});
