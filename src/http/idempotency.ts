import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

import { type ApolloServerPlugin, type GraphQLResponse, HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  getNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  OperationTypeNode,
  print,
} from 'graphql';

import { rootFieldsOf } from '../auth/default-deny';
import type { Session } from '../auth/session';
import type { Database } from '../db/database';
import { DomainError, ErrorCode } from '../errors/domain-errors';
import { infrastructureError } from '../errors/infrastructure-errors';
import type { Clock } from '../lib/clock';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long a second request waits for the first one holding its key before answering 409. */
const WAIT_MS = 5_000;
const POLL_MS = 50;
/** A key left IN_PROGRESS this long was abandoned (its server crashed before storing the response). */
const STALE_MS = 120_000;
/** Codes that mean "nothing happened, try again": the key is released when no transaction committed. */
const TRANSIENT = new Set<unknown>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.RATE_LIMITED, ErrorCode.INTERNAL_SERVER_ERROR]);

interface Stored {
  fingerprint: string;
  status: 'IN_PROGRESS' | 'DONE';
  response: FormattedExecutionResult | null;
  http_status: number | null;
  created_at: Date | string;
  expires_at: Date | string;
}

interface RequestState {
  key: string;
  userId?: string;
  claim?: Promise<void>;
  owner?: boolean;
  replay?: { response: FormattedExecutionResult; status: number };
}

const commits = new AsyncLocalStorage<{ committed: boolean }>();

const http = (status: number, retryAfterSeconds?: number) => ({
  status,
  headers: new Map(retryAfterSeconds ? [['retry-after', String(retryAfterSeconds)]] : []),
});

const keyReused = () =>
  new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request. Use a new key.', {
    http: http(422),
  });
const inProgress = () =>
  new DomainError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'A request with this Idempotency-Key is still running. Retry shortly.', {
    retryAfterSeconds: 1,
    http: http(409, 1),
  });
const badKey = () =>
  new DomainError(ErrorCode.BAD_USER_INPUT, 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
    field: 'Idempotency-Key',
    http: http(400),
  });

/** Types whose values are credentials: a response holding one is never stored. */
const CREDENTIAL_TYPES = new Set(['AuthPayload']);

/**
 * The auth operations (the @Public root fields: register, login, refreshSession) and anything answering
 * with tokens: their responses hold live credentials, so the key is ignored and nothing is stored.
 */
function handsOutCredentials(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fields = schema.getMutationType()?.getFields() ?? {};
  return rootFieldsOf(document, operation).some((name) => {
    const field = fields[name];
    return field !== undefined && (field.extensions.public === true || CREDENTIAL_TYPES.has(getNamedType(field.type).name));
  });
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a bookkeeping write now; if the database is unreachable, keeps retrying in the background every
 * second for up to STALE_MS (the client already has its answer; a key stuck IN_PROGRESS would answer 409).
 */
async function persistently(write: () => Promise<unknown>): Promise<void> {
  const attempt = async (left: number): Promise<void> => {
    try {
      await write();
    } catch {
      if (left > 0) setTimeout(() => void attempt(left - 1), 1_000).unref();
    }
  };
  await attempt(STALE_MS / 1_000);
}

/**
 * `Idempotency-Key` on mutations of a signed-in caller (queries are idempotent already; register, login
 * and refreshSession answer with credentials, which are never stored: the key is ignored on them).
 * The first request with a key claims it (the primary key on user + key decides a race) and stores its
 * response for IDEMPOTENCY_TTL_HOURS; a repeat with the same operation and variables gets that response
 * without running anything (header `Idempotent-Replayed: true`); a different request with the key gets
 * IDEMPOTENCY_KEY_REUSED (422); a repeat while the first still runs waits up to 5 s for its response,
 * then gets IDEMPOTENCY_IN_PROGRESS (409). A first request that failed transiently (database down, rate
 * limited) without committing anything releases its key, so a retry runs.
 */
export class IdempotencyStore {
  private claims = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly ttlHours: number,
  ) {
    db.onCommit(() => {
      const scope = commits.getStore();
      if (scope) scope.committed = true;
    });
  }

  /**
   * Runs a request so that a keyed one tracks whether it committed a transaction. Requests without a key
   * skip it: AsyncLocalStorage costs every promise of the request on Node 20.
   */
  readonly scope = (req: { headers: Record<string, unknown> }, next: () => void) =>
    req.headers['idempotency-key'] === undefined ? next() : commits.run({ committed: false }, next);

  plugin(): ApolloServerPlugin<{ session: Session }> {
    return {
      requestDidStart: async ({ request }) => {
        const key = request.http?.headers.get('idempotency-key');
        if (key === undefined) return;
        const state: RequestState = { key };
        return {
          didResolveOperation: async ({ operation, document, contextValue, schema }) => {
            if (operation?.operation !== OperationTypeNode.MUTATION || !contextValue.session.userId) return;
            if (handsOutCredentials(schema, document, operation)) return;
            if (!KEY_PATTERN.test(key)) throw badKey();
            state.userId = contextValue.session.userId;
            const fingerprint = createHash('sha256')
              .update(canonical([request.operationName ?? null, print(document), request.variables ?? {}]))
              .digest('hex');
            state.claim = this.claim(state, fingerprint).catch((err: unknown) => {
              throw infrastructureError(err) ?? err;
            });
            await state.claim;
          },
          responseForOperation: async (): Promise<GraphQLResponse | null> => {
            if (!state.replay) return null;
            return {
              http: { status: state.replay.status, headers: new HeaderMap([['idempotent-replayed', 'true']]) },
              body: { kind: 'single', singleResult: state.replay.response },
            };
          },
          willSendResponse: async ({ response }) => {
            await state.claim?.catch(() => undefined);
            if (!state.owner || !state.userId || response.body.kind !== 'single') return;
            const { data, errors } = response.body.singleResult;
            const committed = commits.getStore()?.committed ?? true;
            if (!committed && errors?.some((e) => TRANSIENT.has(e.extensions?.code))) {
              await this.release(state.userId, state.key);
              return;
            }
            await this.save(state.userId, state.key, { data, errors }, response.http.status ?? 200);
          },
        };
      },
    };
  }

  private async claim(state: RequestState, fingerprint: string): Promise<void> {
    const userId = state.userId as string;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const now = this.clock.now();
      const inserted = await this.db.query<{ key: string }>(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint, status, created_at, expires_at)
         VALUES ($1, $2, $3, 'IN_PROGRESS', $4, $5) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
        [userId, state.key, fingerprint, now, new Date(now.getTime() + this.ttlHours * 3_600_000)],
      );
      if (inserted.length > 0) {
        state.owner = true;
        if (++this.claims % 100 === 0) void this.purge();
        return;
      }
      const [stored] = await this.db.query<Stored>(
        `SELECT fingerprint, status, response, http_status, created_at, expires_at FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, state.key],
      );
      if (!stored) continue;
      const abandoned = stored.status === 'IN_PROGRESS' && now.getTime() - new Date(stored.created_at).getTime() > STALE_MS;
      if (new Date(stored.expires_at) <= now || abandoned) {
        await this.db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND fingerprint = $3 AND created_at = $4`, [
          userId,
          state.key,
          stored.fingerprint,
          stored.created_at,
        ]);
        continue;
      }
      if (stored.fingerprint !== fingerprint) throw keyReused();
      if (stored.status === 'DONE' && stored.response) {
        state.replay = { response: stored.response, status: stored.http_status ?? 200 };
        return;
      }
      if (Date.now() >= deadline) throw inProgress();
      await sleep(POLL_MS);
    }
  }

  /** Frees the key for a retry (nothing was committed). */
  private release(userId: string, key: string): Promise<void> {
    return persistently(() =>
      this.db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status = 'IN_PROGRESS'`, [userId, key]),
    );
  }

  /** Stores the response for replays. */
  private save(userId: string, key: string, response: FormattedExecutionResult, status: number): Promise<void> {
    return persistently(() =>
      this.db.query(`UPDATE idempotency_keys SET status = 'DONE', response = $3, http_status = $4 WHERE user_id = $1 AND key = $2`, [
        userId,
        key,
        JSON.stringify(response),
        status,
      ]),
    );
  }

  /** Drops expired keys now and then. */
  private async purge(): Promise<void> {
    await this.db
      .query(`DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= $1 LIMIT 1000)`, [
        this.clock.now(),
      ])
      .catch(() => undefined);
  }
}
