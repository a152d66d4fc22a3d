import { serverAudits } from 'graphql-http';

import { newPlayer } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server.stop());

/** Every MUST and SHOULD of the GraphQL-over-HTTP spec, as graphql-http audits it (MAY is optional). */
const audits = serverAudits({ url: () => server.graphqlUrl });
const required = audits.filter((audit) => !audit.name.startsWith('MAY'));

test('the audit list holds every MUST and SHOULD rule of graphql-http 1.23 (13 and 23)', () => {
  expect(required.filter((audit) => audit.name.startsWith('MUST')).length).toBeGreaterThanOrEqual(13);
  expect(required.filter((audit) => audit.name.startsWith('SHOULD')).length).toBeGreaterThanOrEqual(23);
});

test.each(required.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))('%s', async (_name, audit) => {
  const result = await audit.fn();
  if (result.status !== 'ok') {
    throw new Error(`${audit.id} ${audit.name}: ${result.reason}\n${JSON.stringify(await result.response?.text?.().catch(() => ''))}`);
  }
});

/** The GET rules we chose to follow (queries over GET, never mutations), sent as a signed-in client would. */
const GET_RULES = ['5A70', '9C48', '6A70', 'D6D5'];

describe('GET, with the Authorization header every signed-in client sends', () => {
  let token: string;
  beforeAll(async () => {
    token = (await newPlayer(server.graphqlUrl)).client.accessToken!;
  });
  const signedIn = serverAudits({
    url: () => server.graphqlUrl,
    fetchFn: (input: Parameters<typeof fetch>[0], init: RequestInit = {}) =>
      fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } }),
  }).filter((audit) => GET_RULES.includes(audit.id));

  test.each(signedIn.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(`${result.status} ${'reason' in result ? result.reason : ''}`).toBe('ok ');
  });
});
