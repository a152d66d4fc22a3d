import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadConfig } from '../../src/config';
import { gql } from '../support/http';
import { directPlayer } from '../support/players';
import { startTestServer, type TestServer } from '../support/server';

/** Issue 15 (also seen) and issue 14: introspection is a setting, off for anonymous callers in production. */
const INTROSPECT = '{ __schema { queryType { name } } }';
const TYPE = '{ __type(name: "User") { name } }';

test('GRAPHQL_INTROSPECTION defaults: on outside production, signed-in callers only in production', () => {
  const base = { DATA_DIR: mkdtempSync(join(tmpdir(), 'xecution-config-')), JWT_SECRET: 'x'.repeat(40) };
  expect(loadConfig({ ...base, NODE_ENV: 'development' }).hardening.introspection).toBe('on');
  expect(loadConfig({ ...base, NODE_ENV: 'test' }).hardening.introspection).toBe('on');
  expect(loadConfig({ ...base, NODE_ENV: 'production' }).hardening.introspection).toBe('signed-in');
  expect(loadConfig({ ...base, NODE_ENV: 'production', GRAPHQL_INTROSPECTION: '1' }).hardening.introspection).toBe('on');
  expect(loadConfig({ ...base, NODE_ENV: 'development', GRAPHQL_INTROSPECTION: '0' }).hardening.introspection).toBe('off');
  expect(() => loadConfig({ ...base, GRAPHQL_INTROSPECTION: 'maybe' })).toThrow(/GRAPHQL_INTROSPECTION/);
});

describe('GRAPHQL_INTROSPECTION=signed-in (the production default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GRAPHQL_INTROSPECTION: 'signed-in' });
  }, 60_000);
  afterAll(() => server?.stop());

  test.each([INTROSPECT, TYPE, `query { ...F } fragment F on Query { __schema { types { name } } }`])(
    'anonymous %s: 401 UNAUTHENTICATED, no schema',
    async (query) => {
      const res = await gql(server.graphqlUrl, query);
      expect({ status: res.status, code: res.body.errors[0].extensions.code, data: res.body.data }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
    },
  );

  test('a signed-in caller (a mentor in the IDE) introspects; anonymous __typename still answers', async () => {
    const player = await directPlayer(server);
    const res = await gql(server.graphqlUrl, INTROSPECT, {}, { token: player.client.accessToken });
    expect({ data: res.body.data, errors: res.body.errors }).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
      errors: undefined,
    });
    expect((await gql(server.graphqlUrl, '{ __typename }')).body.data).toEqual({ __typename: 'Query' });
  });
});

describe('GRAPHQL_INTROSPECTION=0', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GRAPHQL_INTROSPECTION: '0' });
  }, 60_000);
  afterAll(() => server?.stop());

  test('no one introspects, signed in or not', async () => {
    const player = await directPlayer(server);
    // A validation failure: 400 under application/graphql-response+json (200 under legacy JSON, as GraphQL over HTTP says).
    const res = await gql(
      server.graphqlUrl,
      INTROSPECT,
      {},
      { token: player.client.accessToken, headers: { accept: 'application/graphql-response+json' } },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
