import { randomUUID } from 'node:crypto';

import {
  getNamedType,
  GraphQLEnumType,
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLSchema,
  isCompositeType,
  parse,
  validate,
} from 'graphql';

import { createSchema } from '../../src/schema';
import { TestClient } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';
import { subscribe, wsClient } from '../support/ws';

/*
 * Default-deny, checked against the schema the code builds: every root field is either public on
 * purpose (field extension `public: true`) or refuses a caller without a token. A new field needs no
 * new test to be covered here.
 */

const SCALAR_VALUES: Record<string, unknown> = {
  ID: randomUUID(),
  String: 'x',
  Int: 5,
  Float: 1.5,
  Boolean: true,
  DateTime: '2026-01-01T00:00:00.000Z',
  LocalDate: '2026-01-01',
};

/** Input fields whose names call for a value of a recognisable shape. */
const NAMED_VALUES: Record<string, unknown> = {
  email: 'someone@example.test',
  password: 'correct horse battery',
  timezone: 'UTC',
  text: 'Ship the thing',
  message: 'How do I start?',
  reflection: 'I overplanned and burnt out; tomorrow I start small.',
};

/** A valid-looking value for an input type: required fields of input objects are filled recursively. */
function sampleValue(type: GraphQLInputType, name: string): unknown {
  if (type instanceof GraphQLNonNull) return sampleValue(type.ofType, name);
  if (type instanceof GraphQLList) return [sampleValue(type.ofType, name)];
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull && f.defaultValue === undefined);
    return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f.type, f.name)]));
  }
  if (type instanceof GraphQLEnumType) return type.getValues()[0].name;
  if (type instanceof GraphQLScalarType && type.name === 'String' && name in NAMED_VALUES) return NAMED_VALUES[name];
  if (type instanceof GraphQLScalarType && type.name in SCALAR_VALUES) return SCALAR_VALUES[type.name];
  return 'x';
}

/** A document calling `field` alone, with a variable for every required argument. */
function documentFor(operation: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined);
  const declarations = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${operation} Probe${declarations ? `(${declarations})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
  const variables = Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type, a.name)]));
  return { query, variables };
}

interface RootField {
  operation: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
}

function rootFields(schema: GraphQLSchema): RootField[] {
  const roots: [RootField['operation'], GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([operation, type]) => Object.values(type?.getFields() ?? {}).map((field) => ({ operation, field })));
}

const isPublic = ({ field }: RootField) => field.extensions?.public === true;

let schema: GraphQLSchema;
let server: TestServer;
beforeAll(async () => {
  schema = await createSchema();
  server = await startTestServer();
});
afterAll(() => server.stop());

test('the public root fields are exactly login, refreshSession and register', () => {
  const publicFields = rootFields(schema)
    .filter(isPublic)
    .map(({ field }) => field.name)
    .sort();
  expect(publicFields).toEqual(['login', 'refreshSession', 'register']);
});

test('the schema walk covers the contract (a guard against walking an empty schema)', () => {
  const names = rootFields(schema).map(({ field }) => field.name);
  expect(names).toEqual(expect.arrayContaining(['me', 'gameState', 'user', 'checkIn', 'buyTool', 'logout']));
});

test('every generated probe document is valid against the schema', () => {
  for (const root of rootFields(schema)) {
    const { query } = documentFor(root.operation, root.field);
    expect({ query, errors: validate(schema, parse(query)).map((e) => e.message) }).toEqual({ query, errors: [] });
  }
});

describe('every guarded root field refuses a caller without a token', () => {
  const anonymous = () => new TestClient(server.graphqlUrl);

  test('each query and mutation answers UNAUTHENTICATED with no data', async () => {
    const guarded = rootFields(schema).filter((root) => !isPublic(root) && root.operation !== 'subscription');
    expect(guarded.length).toBeGreaterThan(10);
    for (const root of guarded) {
      const { query, variables } = documentFor(root.operation, root.field);
      const response = await anonymous().raw(query, variables);
      expect({ query, codes: response.errors?.map((e) => e.extensions?.code), data: response.data ?? null }).toEqual({
        query,
        codes: ['UNAUTHENTICATED'],
        data: null,
      });
    }
  });

  test('each subscription answers UNAUTHENTICATED over WebSocket, and is refused over HTTP', async () => {
    const guarded = rootFields(schema).filter((root) => !isPublic(root) && root.operation === 'subscription');
    expect(guarded.map((root) => root.field.name)).toEqual(expect.arrayContaining(['gameEvents', 'coachStream']));
    const socket = wsClient(server.url);
    try {
      for (const root of guarded) {
        const { query, variables } = documentFor(root.operation, root.field);
        const sub = await subscribe(socket, query, variables);
        await sub.waitForEnd();
        expect({ query, result: JSON.stringify(sub.error ?? sub.results) }).toEqual({
          query,
          result: expect.stringContaining('UNAUTHENTICATED'),
        });
        expect(sub.results.some((r) => r.data)).toBe(false);
        const overHttp = await anonymous().raw(query, variables);
        expect(overHttp.data ?? null).toBeNull();
        expect(overHttp.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      }
    } finally {
      await socket.dispose();
    }
  });

  test('so does a garbage or forged bearer token', async () => {
    const forged = `${'eyJhbGciOiJub25lIn0'}.${Buffer.from(JSON.stringify({ sub: randomUUID() })).toString('base64url')}.`;
    for (const token of ['not-a-jwt', forged]) {
      const response = await new TestClient(server.graphqlUrl, token).raw(`{ gameState { xp } }`);
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.data ?? null).toBeNull();
    }
  });

  test('a guarded field hidden behind a fragment, an alias or a public sibling is still refused', async () => {
    const documents = [
      `query { ...Screen } fragment Screen on Query { gameState { xp } }`,
      `query { ... on Query { mine: me { id } } }`,
      `mutation { login(input: { email: "a@example.test", password: "correct horse battery" }) { accessToken } checkIn { xpGained } }`,
    ];
    for (const query of documents) {
      const response = await anonymous().raw(query);
      expect({ query, code: response.errors?.[0]?.extensions?.code, data: response.data ?? null }).toEqual({
        query,
        code: 'UNAUTHENTICATED',
        data: null,
      });
    }
  });

  test('introspection alone stays open (it reads no user data)', async () => {
    const response = await anonymous().raw(`{ __typename __schema { queryType { name } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ __typename: 'Query', __schema: { queryType: { name: 'Query' } } });
  });
});
