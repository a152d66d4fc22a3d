import { request } from 'node:http';

import { gql, post } from '../support/http';
import { directPlayer } from '../support/players';
import { startTestServer, type TestServer } from '../support/server';

/** POST /graphql is served without Express (src/http/graphql-post.ts): the edges of that path. */

/** Sends a body in chunks without Content-Length (chunked transfer encoding). */
function postChunked(url: string, chunks: string[], headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('POST /graphql', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: '', REQUEST_BODY_LIMIT_BYTES: '2048', RATE_LIMIT_ENABLED: '1', RATE_LIMIT_IP: '3', TRUST_PROXY: '1' }, { isolatedDatabase: true });
  }, 60_000);
  afterAll(() => server?.stop());

  test('a chunked body past the limit (no Content-Length) is a 413; the server keeps serving', async () => {
    const over = await postChunked(server.graphqlUrl, ['{"query":"{ __typename }","pad":"', 'x'.repeat(1500), 'x'.repeat(1500), '"}'], {
      'x-forwarded-for': '198.51.100.1',
    });
    expect(over.status).toBe(413);
    expect(over.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const fine = await postChunked(server.graphqlUrl, ['{"query":', '"{ __typename }"}'], { 'x-forwarded-for': '198.51.100.1' });
    expect(fine.status).toBe(200);
    expect(fine.body.data).toEqual({ __typename: 'Query' });
  });

  test.each([['"just a string"'], ['42'], ['null'], ['{"query": ']])('a body that is not a JSON object or array (%s) is a 400', async (body) => {
    const res = await post(server.graphqlUrl, body, { 'x-forwarded-for': '198.51.100.2' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toEqual({ message: 'The request body could not be read as JSON.', extensions: { code: 'BAD_REQUEST' } });
  });

  test('an empty body is a 400 from Apollo (body missing), never a 500', async () => {
    const res = await post(server.graphqlUrl, '', { 'x-forwarded-for': '198.51.100.3' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/POST body missing/);
  });

  test('application/json with charset=utf-8 is served, and the x-request-id is echoed', async () => {
    const res = await post(server.graphqlUrl, '{"query":"{ __typename }"}', {
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': 'req-123',
      'x-forwarded-for': '198.51.100.4',
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
    expect(res.headers.get('x-request-id')).toBe('req-123');
  });

  test('behind one trusted proxy, each X-Forwarded-For client has its own per-IP allowance', async () => {
    const player = await directPlayer(server);
    const from = (ip: string) => gql(server.graphqlUrl, '{ me { id } }', undefined, { token: player.client.accessToken, headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).status).toBe(200);
    const fourth = await from('203.0.113.7');
    expect(fourth.status).toBe(429);
    expect(fourth.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await from('203.0.113.8')).status).toBe(200);
  });
});
