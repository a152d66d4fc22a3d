import {
  getIntrospectionQuery,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import WebSocket from 'ws';

import { createSchema } from '../../src/schema';
import { newPlayer, type Player } from '../support/client';
import { CHECK_IN, GAME_STATE, SET_INTENTION, START_SPRINT, USE_TOOL } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';
import { GAME_EVENTS } from '../support/ws';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 3000);
const TIME_BUDGET_MS = Number(process.env.FUZZ_TIME_MS ?? 90_000);
const CONCURRENCY = 6;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed with the printed seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const STRINGS = [
  '',
  'a',
  'x'.repeat(5000),
  'before\u0000after',
  '😀'.repeat(50),
  "'; DROP TABLE users; --",
  '{"$gt":""}',
  '../../etc/passwd',
  '\ud800',
  'UTC',
  'Mars/Olympus',
  '2026-13-45',
  'FIRST_CHECK_IN',
  'ENERGY_DRINK',
  '00000000-0000-4000-8000-000000000000',
  'not-a-uuid',
  '9'.repeat(40),
];
const NUMBERS = [0, -1, 1, 5, 25, 181, 2 ** 31, -(2 ** 31) - 1, 1.5, Number.MAX_SAFE_INTEGER, 1e308];

function randomJson(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 5 : 7)) {
    case 0:
      return rng.pick(STRINGS);
    case 1:
      return rng.pick(NUMBERS);
    case 2:
      return rng.chance(0.5);
    case 3:
      return null;
    case 4:
      return rng.pick(['mood', 'note', 'plannedMinutes', 'text']);
    case 5:
      return Array.from({ length: rng.int(4) }, () => randomJson(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: rng.int(4) }, () => [
          rng.pick(['input', 'mood', 'note', 'plannedMinutes', 'text', 'id', 'code', 'email', 'password', '__proto__', 'constructor']),
          randomJson(rng, depth + 1),
        ]),
      );
  }
}

/** A literal for an input type, valid most of the time. */
function literal(rng: Rng, type: GraphQLInputType, depth = 0): string {
  if (isNonNullType(type)) return literal(rng, type.ofType, depth);
  if (rng.chance(0.08)) return rng.pick(['null', '"?"', '1', '[1]', '{a: 1}', 'true', '$undefined']);
  if (isListType(type)) return `[${Array.from({ length: rng.int(3) }, () => literal(rng, type.ofType, depth + 1)).join(', ')}]`;
  if (isEnumType(type)) return rng.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    if (depth > 3) return '{}';
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || rng.chance(0.6));
    return `{ ${fields.map((f) => `${f.name}: ${literal(rng, f.type, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return String(rng.pick([1, 5, 25, 60, 181, 0, -3, 2 ** 31]));
      case 'Float':
        return String(rng.pick([0.5, 1, -2.5, 1e10]));
      case 'Boolean':
        return String(rng.chance(0.5));
      default:
        return JSON.stringify(rng.pick(STRINGS.filter((s) => s.length < 100)));
    }
  }
  return 'null';
}

/** A random operation built from the schema: real fields, arguments, aliases, fragments and directives. */
function fromSchema(rng: Rng, schema: GraphQLSchema): string {
  const kind = rng.pick(['query', 'query', 'mutation', 'subscription'] as const);
  const root = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return '{ __typename }';
  const fields = Object.values(root.getFields());
  const count = kind === 'subscription' ? 1 : 1 + rng.int(3);
  const selections = Array.from({ length: count }, (_, i) => field(rng, rng.pick(fields), 1, i));
  return `${kind} Fuzz${rng.int(1000)} { ${selections.join(' ')} }`;
}

function args(rng: Rng, list: readonly GraphQLArgument[]): string {
  const chosen = list.filter((a) => isNonNullType(a.type) || rng.chance(0.5));
  return chosen.length ? `(${chosen.map((a) => `${a.name}: ${literal(rng, a.type)}`).join(', ')})` : '';
}

function selectionSet(rng: Rng, type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (depth > 14 || rng.chance(0.03)) return '{ __typename }';
  if (isUnionType(type) || isInterfaceType(type)) {
    const implementations = isUnionType(type) ? type.getTypes() : [];
    const inline = implementations.length ? ` ... on ${rng.pick(implementations).name} { __typename }` : '';
    return `{ __typename${inline} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields());
  const picked = Array.from({ length: 1 + rng.int(4) }, (_, i) => field(rng, rng.pick(fields), depth + 1, i));
  return `{ ${picked.join(' ')} }`;
}

function field(rng: Rng, f: GraphQLField<unknown, unknown>, depth: number, index: number): string {
  const alias = rng.chance(0.15) ? `a${index}_${rng.int(100)}: ` : '';
  const directive = rng.chance(0.1) ? ` @${rng.pick(['include', 'skip'])}(if: ${rng.chance(0.5)})` : rng.chance(0.02) ? ' @deprecated' : '';
  return `${alias}${f.name}${args(rng, f.args)}${directive} ${selectionSet(rng, getNamedType(f.type), depth)}`;
}

const PUNCTUATION = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '@',
  '!',
  '...',
  '=',
  '|',
  '&',
  '"',
  '"""',
  '#',
  '\\',
  ',',
  '\n',
  'on',
  'fragment',
  'query',
  'null',
  '0x1F',
  '\u0000',
];

/** Breaks a document: deletions, insertions, duplication, truncation, swaps. */
function mutate(rng: Rng, source: string): string {
  let text = source;
  for (let i = 0, n = 1 + rng.int(4); i < n; i++) {
    const at = rng.int(text.length + 1);
    switch (rng.int(6)) {
      case 0:
        text = text.slice(0, at) + text.slice(at + 1 + rng.int(10));
        break;
      case 1:
        text = text.slice(0, at) + rng.pick(PUNCTUATION) + text.slice(at);
        break;
      case 2: {
        const len = rng.int(60);
        text = text.slice(0, at) + text.slice(at, at + len).repeat(1 + rng.int(30)) + text.slice(at);
        break;
      }
      case 3:
        text = text.slice(0, at);
        break;
      case 4:
        text = text.replace(/\w+/, rng.pick(['__schema', '__type(name: "User")', 'passwordHash', 'gameState', '__typename', 'me']));
        break;
      default:
        text = `${'{ a: me { id } '.repeat(rng.int(40))}${text}`;
    }
  }
  return text;
}

interface FuzzRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function request(rng: Rng, seeds: string[], schema: GraphQLSchema, token: string): FuzzRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (rng.chance(0.7)) headers.authorization = `Bearer ${token}`;
  else if (rng.chance(0.3))
    headers.authorization = rng.pick(['Bearer ', 'Basic Zm9vOmJhcg==', `Bearer ${token}x`, 'Bearer a.b.c', 'bearer']);
  if (rng.chance(0.05)) headers['idempotency-key'] = rng.pick(['k1', 'k2', ' ', 'x'.repeat(300)]);
  const strategy = rng.int(10);
  const query =
    strategy < 3
      ? rng.pick(seeds)
      : strategy < 6
        ? fromSchema(rng, schema)
        : mutate(rng, rng.chance(0.5) ? rng.pick(seeds) : fromSchema(rng, schema));
  const variables = rng.chance(0.6) ? randomJson(rng) : { input: randomJson(rng), id: randomJson(rng), code: randomJson(rng) };
  if (strategy === 9 && rng.chance(0.5)) {
    // Bodies that are not a well-formed GraphQL request.
    const bodies = [
      '{"query": "{ me { id } }"',
      '[{"query": "{ me { id } }"}, {"query": "{ __typename }"}]',
      JSON.stringify({ query: 42 }),
      JSON.stringify({ query: { kind: 'Document' } }),
      JSON.stringify({ query, variables: 'not an object' }),
      JSON.stringify({ query, operationName: 'Nope' }),
      JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
      JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
      'null',
      '"string"',
      '',
      '\u0000',
    ];
    if (rng.chance(0.2))
      headers['content-type'] = rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/graphql', 'multipart/form-data']);
    return { method: 'POST', path: '/graphql', headers, body: rng.pick(bodies) };
  }
  if (rng.chance(0.1)) {
    const params = new URLSearchParams({ query, ...(rng.chance(0.5) ? { variables: JSON.stringify(variables) } : {}) });
    return { method: 'GET', path: `/graphql?${params.toString()}`, headers: { ...headers, 'apollo-require-preflight': 'true' } };
  }
  return { method: 'POST', path: '/graphql', headers, body: JSON.stringify({ query, variables }) };
}

let server: TestServer;
let player: Player;
beforeAll(async () => {
  server = await startTestServer();
  player = await newPlayer(server.graphqlUrl);
}, 60_000);
afterAll(() => server?.stop());

test(`fuzz: ${ITERATIONS} generated and mutated requests, zero 5xx, and the server still answers`, async () => {
  const built = await createSchema();
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
  const rng = prng(seed);
  const seeds = [
    GAME_STATE,
    CHECK_IN,
    SET_INTENTION,
    START_SPRINT,
    USE_TOOL,
    GAME_EVENTS,
    getIntrospectionQuery(),
    '{ me { id displayName email } }',
  ];
  const deadline = Date.now() + TIME_BUDGET_MS;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;

  const worker = async () => {
    while (sent < ITERATIONS && Date.now() < deadline && failures.length < 5) {
      sent++;
      const req = request(rng, seeds, built, player.client.accessToken!);
      let status: number;
      let text: string;
      try {
        const res = await fetch(`${server.url}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
        status = res.status;
        text = await res.text();
      } catch (err) {
        failures.push(`seed ${seed}: transport error ${String(err)} for ${JSON.stringify(req).slice(0, 2000)}`);
        continue;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const leaks = /at .+\.(ts|js):\d+|QueryFailedError|SELECT .* FROM|node_modules/.test(text);
      if (status >= 500 || leaks)
        failures.push(`seed ${seed}: status ${status} for ${JSON.stringify(req).slice(0, 2000)}\n→ ${text.slice(0, 1000)}`);
      else if (req.path === '/graphql' && status !== 200 && text.startsWith('{')) {
        const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
        if (!body.errors?.every((e) => typeof e.extensions?.code === 'string'))
          failures.push(`seed ${seed}: error without a code: ${text.slice(0, 500)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  console.log(`fuzz seed ${seed}: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(Math.min(ITERATIONS, 1000));
  const after = await player.client.ok('{ me { id } gameState { level } }');
  expect(after.me.id).toBe(player.id);
  expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
}, 180_000);

test('fuzz over WebSocket: generated subscribe messages never crash a socket or the server', async () => {
  const built = await createSchema();
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
  const rng = prng(seed + 1);
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  await new Promise((resolve) => socket.once('open', resolve));
  const closes: string[] = [];
  let last = '';
  socket.on('close', (code, reason) => closes.push(`${code} ${reason.toString()} after ${last}`));
  const codes = new Map<string, number>();
  socket.on('message', (raw: Buffer) => {
    const message = JSON.parse(raw.toString()) as { type: string; payload?: { extensions?: { code?: string } }[] };
    if (message.type !== 'error') return;
    for (const error of message.payload ?? []) {
      const code = String(error.extensions?.code);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${player.client.accessToken}` } }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const seeds = [GAME_EVENTS, 'subscription { xpGained { amount } }', 'subscription { coachStream(messageId: "x") { delta } }'];
  for (let i = 0; i < 500 && closes.length === 0; i++) {
    const query = rng.chance(0.5) ? mutate(rng, rng.pick(seeds)) : fromSchema(rng, built);
    last = query;
    socket.send(
      JSON.stringify({
        id: `f${i}`,
        type: 'subscribe',
        payload: { query, variables: rng.chance(0.5) ? { input: randomJson(rng), userId: randomJson(rng) } : {} },
      }),
    );
    socket.send(JSON.stringify({ id: `f${i}`, type: 'complete' }));
    if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));

  console.log(`ws fuzz seed ${seed + 1}: error codes ${JSON.stringify(Object.fromEntries(codes))}`);
  expect(closes).toEqual([]);
  expect(codes.get('INTERNAL_SERVER_ERROR') ?? 0).toBe(0);
  socket.close();
  expect((await player.client.ok('{ me { id } }')).me.id).toBe(player.id);
}, 60_000);
