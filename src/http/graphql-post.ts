import type { IncomingMessage, ServerResponse } from 'node:http';

import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';

import { type Refusal, refusalBody } from '../graphql/limits';
import type { Logger } from '../lib/logger';
import { BODY_NOT_JSON, BODY_TOO_LARGE } from './request-errors';

export interface GraphqlPostOptions<TContext extends BaseContext> {
  bodyLimitBytes: number;
  /** Answers a request before Apollo sees it (null lets it through). */
  refuse(body: { query?: unknown; operationName?: unknown; variables?: unknown }): Refusal | null;
  /** Runs the rest of the request inside `next` (per-request scopes such as statement counting). */
  around(req: IncomingMessage, next: () => void): void;
  context(req: IncomingMessage, res: ServerResponse): Promise<TContext>;
  log: Logger;
}

/** JSON in UTF-8 (the charset may be omitted): the only bodies this path reads. */
const JSON_UTF8 = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * True for the requests `graphqlPostHandler` serves: POST /graphql with a plain JSON body. Anything else
 * (GET, the IDE, other media types, compressed bodies) goes through Express as before.
 */
export function isPlainGraphqlPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const path = req.url?.split('?', 1)[0];
  if (path !== '/graphql' && path !== '/graphql/') return false;
  const type = req.headers['content-type'];
  const encoding = req.headers['content-encoding'];
  return typeof type === 'string' && JSON_UTF8.test(type) && (encoding === undefined || encoding === 'identity');
}

/**
 * POST /graphql straight from node:http to Apollo, without Express: the router, body parser and
 * response helpers were a fifth of a read's CPU. Same answers as the Express path: 413 past the body
 * limit, 400 for a body that is not a JSON object or array, the checks in front of Apollo, then Apollo.
 */
export function graphqlPostHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: GraphqlPostOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const fail = (res: ServerResponse, status: number, code: string, message: string) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  };
  const tooLarge = (res: ServerResponse) => fail(res, 413, 'BAD_REQUEST', BODY_TOO_LARGE);

  const execute = async (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => {
    const refusal = options.refuse(body);
    if (refusal) {
      res.statusCode = refusal.status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(refusalBody(refusal));
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: query < 0 ? '' : url.slice(query), body },
      context: () => options.context(req, res),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    const declared = Number(req.headers['content-length']);
    if (declared > options.bodyLimitBytes) {
      req.resume();
      return tooLarge(res);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > options.bodyLimitBytes) {
        refused = true;
        tooLarge(res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      refused = true;
      res.destroy();
    });
    req.on('end', () => {
      if (refused) return;
      // An empty body reads as {} (as with body-parser): Apollo then answers that the query is missing.
      let body: unknown = {};
      try {
        if (size > 0) body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
      } catch {
        body = undefined;
      }
      // Like body-parser's strict mode: an object or an array, nothing else.
      if (typeof body !== 'object' || body === null) {
        return fail(res, 400, 'BAD_REQUEST', BODY_NOT_JSON);
      }
      options.around(req, () => {
        execute(req, res, body as Record<string, unknown>).catch((err: unknown) => {
          options.log.error({ err }, 'unexpected HTTP error');
          if (res.headersSent) res.destroy();
          else fail(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
        });
      });
    });
  };
}
