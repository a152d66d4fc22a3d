import { Writable } from 'node:stream';

import { createLogger, type Logger } from '../../src/lib/logger';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** POSTs a JSON body (or a raw string) to a URL and returns status, headers and parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** POSTs a GraphQL request, optionally signed in. */
export function gql(
  graphqlUrl: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return post(
    graphqlUrl,
    { query, variables },
    { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
  );
}

/** A logger whose JSON lines are kept in memory (to assert what is and is not logged). */
export function capturingLogger(level = 'info'): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger(level, sink), lines };
}

export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
