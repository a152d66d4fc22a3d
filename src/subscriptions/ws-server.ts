import type { Server } from 'node:http';

import { type DocumentNode, getOperationAST, GraphQLError, type GraphQLSchema, OperationTypeNode, type ValidationRule } from 'graphql';
import type { Context as SocketContext, Disposable } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

import { fieldsNeedingSession } from '../auth/default-deny';
import { Session } from '../auth/session';
import { type AccessTokens, bearerToken } from '../auth/tokens';
import type { Context } from '../context';
import { badInput, unauthenticated } from '../errors/domain-errors';
import type { createErrorFormatter } from '../errors/format-error';
import { checkDocument, limitRules, type QueryLimits, tooComplex } from '../graphql/limits';
import { MAX_VARIABLES_DEPTH, nestedDeeperThan } from '../graphql/variables-depth';
import { originAllowed } from '../http/cors';
import type { Logger } from '../lib/logger';

export interface WebSocketLimits {
  /** Largest message accepted from a client (the ws default is 100 MiB). */
  maxPayloadBytes: number;
  /** A socket that sends no connection_init within this time is closed (4408). */
  connectionInitTimeoutMs: number;
  maxSubscriptionsPerSocket: number;
  /** The same document limits as over HTTP (graphql-ws runs none of Apollo's rules). */
  query: QueryLimits;
  /** Browser origins allowed besides the API's own (`*`: any); a client without Origin is not a browser. */
  allowedOrigins: readonly string[];
}

export interface WebSocketDeps {
  schema: GraphQLSchema;
  accessTokens: AccessTokens;
  createContext(session: Session, requestId: string): Context;
  formatError: ReturnType<typeof createErrorFormatter>;
  log: Logger;
  limits: WebSocketLimits;
}

type SocketState = {
  session: Session;
  socketId: string;
};

const DOCUMENT_CACHE_SIZE = 500;

/** Parses and validates each distinct subscription document once, with the query limits. */
class DocumentCache {
  private readonly entries = new Map<string, DocumentNode | readonly GraphQLError[]>();
  private readonly rules: ValidationRule[];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: QueryLimits,
  ) {
    this.rules = limitRules(limits);
  }

  get(source: string): DocumentNode | readonly GraphQLError[] {
    const hit = this.entries.get(source);
    if (hit) return hit;
    const result = checkDocument(this.schema, source, this.limits, this.rules);
    if (this.entries.size >= DOCUMENT_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(source, result);
    return result;
  }
}

const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * graphql-ws on /graphql. The socket authenticates in connection_init (`authorization: Bearer …`); a
 * socket without a valid token may connect, but every operation that needs a user is refused. Only
 * subscriptions are accepted here (queries and mutations go over HTTP).
 */
export function attachWebSocketServer(
  httpServer: Server,
  deps: WebSocketDeps,
): { wss: WebSocketServer; dispose(): Promise<void>; stats(): { sockets: number; subscriptions: number } } {
  const wss = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: deps.limits.maxPayloadBytes,
    verifyClient: (info, done) => {
      if (originAllowed(info.origin, info.req.headers.host, deps.limits.allowedOrigins)) return done(true);
      deps.log.warn({ origin: info.origin }, 'websocket refused: origin not allowed');
      done(false, 403, 'Origin not allowed');
    },
  });
  const documents = new DocumentCache(deps.schema, deps.limits.query);
  const connected = new Set<SocketContext<Record<string, unknown>, Partial<SocketState>>>();
  let sockets = 0;

  const sessionOf = (state: Partial<SocketState>): Session => {
    const session = state.session ?? Session.anonymous();
    const expired = session.expiresAt !== null && session.expiresAt * 1000 <= Date.now();
    return expired ? Session.anonymous() : session;
  };

  const server: Disposable = useServer<Record<string, unknown>, SocketState>(
    {
      schema: deps.schema,
      connectionInitWaitTimeout: deps.limits.connectionInitTimeoutMs,
      onConnect: (ctx) => {
        const token = bearerToken(ctx.connectionParams?.authorization);
        const claims = token ? deps.accessTokens.verify(token) : null;
        ctx.extra.session = claims ? Session.forUser(claims.userId, claims.expiresAt) : Session.anonymous();
        ctx.extra.socketId = `ws-${++sockets}`;
        connected.add(ctx);
        return true;
      },
      onClose: (ctx) => {
        connected.delete(ctx);
      },
      onSubscribe: (ctx, id, payload) => {
        if (nestedDeeperThan(payload.variables, MAX_VARIABLES_DEPTH)) {
          return [badInput('variables', `Variables may nest at most ${MAX_VARIABLES_DEPTH} levels deep.`)];
        }
        const document = documents.get(payload.query);
        if (!('kind' in document)) return document;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refuse('Send exactly one operation, or name it with operationName.', 'BAD_USER_INPUT');
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return refuse('Only subscriptions are accepted over WebSocket: send queries and mutations to POST /graphql.', 'BAD_REQUEST');
        }
        if (Object.keys(ctx.subscriptions).length > deps.limits.maxSubscriptionsPerSocket) {
          return [tooComplex(`At most ${deps.limits.maxSubscriptionsPerSocket} subscriptions per connection.`)];
        }
        const session = sessionOf(ctx.extra);
        if (!session.isAuthenticated && fieldsNeedingSession(deps.schema, document, operation).length > 0) return [unauthenticated()];
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: deps.createContext(session, `${ctx.extra.socketId ?? 'ws'}:${id}`),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((error) => deps.formatError(error.toJSON(), error)) };
      },
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => {
          const safe = deps.formatError(error.toJSON(), error);
          return new GraphQLError(safe.message, { extensions: safe.extensions });
        }),
    },
    wss,
  );
  wss.on('error', (err) => deps.log.warn({ err }, 'websocket server error'));

  return {
    wss,
    /** Closes every socket with 1001 (going away) and stops accepting new ones. */
    dispose: () => server.dispose() as Promise<void>,
    /** Open sockets and running subscriptions (for metrics). */
    stats: () => ({
      sockets: wss.clients.size,
      subscriptions: [...connected].reduce((sum, ctx) => sum + Object.keys(ctx.subscriptions).length, 0),
    }),
  };
}
