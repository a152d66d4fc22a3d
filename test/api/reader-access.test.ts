import { randomUUID } from 'node:crypto';

import {
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
} from 'graphql';

import { Session } from '../../src/auth/session';
import { type Context, RequestContext } from '../../src/context';
import { createLoaders } from '../../src/loaders';
import { Access, ACCESS_EXTENSION } from '../../src/resolvers/reader-access';
import { createSchema } from '../../src/schema';
import { startTestServer, type TestServer } from '../support/server';

/*
 * Access at one depth, checked against the schema the code builds: every field of `User` and `Mentee`
 * declares who may read it and enforces it on the field itself, whatever path led there; the types
 * reachable only through those fields declare that they are read as their field is. A new field needs
 * no new test to be covered here.
 */

const GUARDED = ['User', 'Mentee'];
const FIELD_RULES: string[] = [Access.READER, Access.SESSION_READER, Access.SELF];

/** Every named type reachable from the root types, not looking inside the types of `blocked`. */
function reachable(schema: GraphQLSchema, blocked: readonly string[] = []): Set<string> {
  const seen = new Set<string>();
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const pending: GraphQLNamedType[] = roots.filter((t): t is GraphQLObjectType => Boolean(t));
  for (let type = pending.pop(); type; type = pending.pop()) {
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    if (blocked.includes(type.name) || (!isObjectType(type) && !isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) pending.push(getNamedType(field.type));
    if (isInterfaceType(type)) pending.push(...schema.getPossibleTypes(type));
  }
  return seen;
}

/** Object types that only a field of `User` or `Mentee` leads to. */
function onlyUnderGuarded(schema: GraphQLSchema): string[] {
  const elsewhere = reachable(schema, GUARDED);
  return [...reachable(schema)].filter((name) => !elsewhere.has(name) && schema.getType(name) instanceof GraphQLObjectType).sort();
}

const fieldsOf = (schema: GraphQLSchema, typeName: string) =>
  Object.values((schema.getType(typeName) as GraphQLObjectType).getFields()) as GraphQLField<unknown, Context>[];

let schema: GraphQLSchema;
let server: TestServer;
beforeAll(async () => {
  schema = await createSchema();
  server = await startTestServer();
});
afterAll(() => server.stop());

test('every field of User and Mentee declares its access rule', () => {
  for (const typeName of GUARDED) expect(fieldsOf(schema, typeName).length).toBeGreaterThan(5);
  const undeclared = GUARDED.flatMap((typeName) =>
    fieldsOf(schema, typeName)
      .filter((field) => !FIELD_RULES.includes(field.extensions?.[ACCESS_EXTENSION] as string))
      .map((field) => `${typeName}.${field.name}`),
  );
  expect(undeclared).toEqual([]);
});

test('the types reachable only through them are read as their field is, and only those say so', () => {
  const under = onlyUnderGuarded(schema);
  expect(under).toEqual(expect.arrayContaining(['MenteeDay', 'CheckInConnection', 'CheckInEdge', 'XpLedgerEntry', 'PageInfo']));
  const inherited = Object.values(schema.getTypeMap())
    .filter((type) => type.extensions?.[ACCESS_EXTENSION] === Access.INHERITED)
    .map((type) => type.name)
    .sort();
  expect(inherited).toEqual(under);
});

/** The caller of `session`, as a request of the running API would see them. */
function contextOf(session: Session): Context {
  const { services, clock, log } = server.app;
  return new RequestContext(session, services, createLoaders(services, clock), clock, `reader-access-${randomUUID()}`, log);
}

/** Resolves one field of `typeName` on `root` as graphql-js would, returning its value or the error thrown. */
async function resolveField(typeName: string, field: GraphQLField<unknown, Context>, root: object, ctx: Context) {
  const info = { fieldName: field.name, parentType: schema.getType(typeName), schema } as unknown as GraphQLResolveInfo;
  try {
    return { value: await field.resolve?.(root, {}, ctx, info) };
  } catch (err) {
    return { code: (err as { extensions?: { code?: string } }).extensions?.code };
  }
}

const userRoot = (id: string, isViewer?: boolean) => ({
  id,
  displayName: 'Someone',
  timezone: 'UTC',
  createdAt: new Date(),
  email: 'someone@example.test',
  isViewer,
});
const menteeRoot = (userId: string) => ({ userId, since: new Date(), adherence7: 1, adherence30: 1, risk: 'LOW', series: [] });

test('a signed-in stranger is refused every reader field of User and Mentee, and reads null for the self-only ones', async () => {
  const stranger = contextOf(Session.forUser(randomUUID(), Math.floor(Date.now() / 1000) + 3600));
  const owner = randomUUID();
  const roots: Record<string, object> = { User: userRoot(owner), Mentee: menteeRoot(owner) };
  for (const typeName of GUARDED) {
    for (const field of fieldsOf(schema, typeName)) {
      const result = await resolveField(typeName, field, roots[typeName], stranger);
      const expected = field.extensions?.[ACCESS_EXTENSION] === Access.SELF ? { value: null } : { code: 'FORBIDDEN' };
      expect({ field: `${typeName}.${field.name}`, result }).toEqual({ field: `${typeName}.${field.name}`, result: expected });
    }
  }
});

test('the user an auth mutation returns is readable by who just signed in as them; history goes by the session alone', async () => {
  const anonymous = contextOf(Session.anonymous());
  const signedIn = userRoot(randomUUID(), true);
  for (const field of fieldsOf(schema, 'User')) {
    const rule = field.extensions?.[ACCESS_EXTENSION];
    const result = await resolveField('User', field, signedIn, anonymous);
    const label = `User.${field.name}`;
    if (rule === Access.SESSION_READER) expect({ label, result }).toEqual({ label, result: { code: 'UNAUTHENTICATED' } });
    // gameState of a user with no character row: past the guard, the loader finds nothing.
    else if (field.name === 'gameState') expect({ label, result }).toEqual({ label, result: { code: 'NOT_FOUND' } });
    else expect({ label, result }).toEqual({ label, result: { value: signedIn[field.name as keyof typeof signedIn] } });
  }
});

test('oneself reads every field of one’s own user, the self-only email included', async () => {
  const id = randomUUID();
  const self = contextOf(Session.forUser(id, Math.floor(Date.now() / 1000) + 3600));
  const email = fieldsOf(schema, 'User').find((f) => f.name === 'email') as GraphQLField<unknown, Context>;
  expect(await resolveField('User', email, userRoot(id), self)).toEqual({ value: 'someone@example.test' });
  const checkIns = fieldsOf(schema, 'User').find((f) => f.name === 'checkIns') as GraphQLField<unknown, Context>;
  // Past the guard, the history field reads the page (an empty one: nothing was ever written for this id).
  const page = await resolveField('User', checkIns, userRoot(id), self);
  expect(page).toMatchObject({ value: { edges: [], pageInfo: { hasNextPage: false } } });
});
