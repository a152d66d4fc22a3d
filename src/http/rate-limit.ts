import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, OperationTypeNode, valueFromASTUntyped, visit } from 'graphql';
import Redis from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import { rootFieldsOf } from '../auth/default-deny';
import type { Session } from '../auth/session';
import { DomainError, ErrorCode } from '../errors/domain-errors';
import type { RateLimitConfig } from '../hardening.config';
import type { Logger } from '../lib/logger';

/** RATE_LIMITED with `extensions.retryAfterSeconds`; over HTTP a 429 with a Retry-After header. */
export function rateLimited(message: string, retryAfterSeconds: number): DomainError {
  return new DomainError(ErrorCode.RATE_LIMITED, message, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}

/** What the limits count a request by: the signed-in user, else the client's address. */
export interface RateLimitedCaller {
  session: Session;
  clientIp?: string;
}

/** Reconnects with exponential backoff capped at 2 s. */
const retryStrategy = (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), 2_000);

/**
 * Where rate-limit counters live: Redis when REDIS_URL is set (one count shared by every instance),
 * process memory otherwise. While Redis is unreachable each limiter falls back to an in-memory one
 * (limits then hold per instance: degraded, never refusing because of the outage); the change is
 * logged once each way.
 */
export class RateLimitStore {
  private readonly redis: Redis | null;
  private degraded = false;

  constructor(options: { redisUrl?: string; log?: Logger } = {}) {
    if (!options.redisUrl) {
      this.redis = null;
      return;
    }
    this.redis = new Redis(options.redisUrl, {
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy,
    });
    this.redis.on('error', (err: Error) => {
      if (this.degraded) return;
      this.degraded = true;
      options.log?.warn({ err: err.message }, 'rate limits degraded to per-instance memory: redis unreachable');
    });
    this.redis.on('ready', () => {
      if (!this.degraded) return;
      this.degraded = false;
      options.log?.info('rate limits shared through redis again');
    });
  }

  /** A named limit: `points` per `windowSeconds` per key. */
  limiter(name: string, points: number, windowSeconds: number): RateLimit {
    const base = { points, duration: windowSeconds, keyPrefix: `rl:${name}` };
    const memory = new RateLimiterMemory(base);
    const limiter = this.redis ? new RateLimiterRedis({ ...base, storeClient: this.redis, insuranceLimiter: memory }) : memory;
    return new RateLimit(limiter);
  }

  /** Shared through Redis right now (true in memory mode: nothing to degrade). */
  isHealthy(): boolean {
    return !this.redis || this.redis.status === 'ready';
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

export class RateLimit {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  /** Spends `points` of `key`'s allowance, or refuses with RATE_LIMITED naming `what` and when to retry. */
  async consume(key: string, what: string, points = 1): Promise<void> {
    try {
      await this.limiter.consume(key, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rateLimited(`Too many ${what}: try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
    }
  }
}

/** Root fields of the mutation type that sign in: limited per account and per IP on top of the rest. */
const LOGIN_FIELD = 'login';

/** The emails of every `login` field in a document (inline or from variables). */
function loginEmails(document: DocumentNode, variables: Record<string, unknown> | undefined): string[] {
  const emails: string[] = [];
  visit(document, {
    Field(node) {
      if (node.name.value !== LOGIN_FIELD) return;
      const input = node.arguments?.find((arg) => arg.name.value === 'input');
      const value = input ? (valueFromASTUntyped(input.value, variables) as { email?: unknown } | null) : null;
      emails.push(typeof value?.email === 'string' ? value.email.trim().toLowerCase() : '');
    },
  });
  return emails;
}

/**
 * Request rate limits, checked once the operation is known: every request counts against its IP; queries
 * against the caller's read allowance (their size is bounded by the query cost), mutations against a
 * tighter one, one point per root field (per user, or per IP when anonymous); sign-in attempts against
 * the account and the IP. The coach has its own, tighter limit.
 */
export class RequestRateLimits {
  private readonly perIp: RateLimit;
  private readonly reads: RateLimit;
  private readonly mutations: RateLimit;
  private readonly loginPerAccount: RateLimit;
  private readonly loginPerIp: RateLimit;

  constructor(
    store: RateLimitStore,
    private readonly config: RateLimitConfig,
  ) {
    const { windowSeconds, login } = config;
    this.perIp = store.limiter('ip', config.perIp, windowSeconds);
    this.reads = store.limiter('reads', config.reads, windowSeconds);
    this.mutations = store.limiter('mutations', config.mutations, windowSeconds);
    this.loginPerAccount = store.limiter('login-account', login.perAccount, login.windowSeconds);
    this.loginPerIp = store.limiter('login-ip', login.perIp, login.windowSeconds);
  }

  plugin(): ApolloServerPlugin<RateLimitedCaller> {
    return {
      requestDidStart: async () => {
        if (!this.config.enabled) return;
        return {
          didResolveOperation: async ({ operation, document, request, contextValue }) => {
            if (!operation) return;
            // A mutation is charged per root field: fifteen aliased `register`s cost fifteen, not one.
            const fields = rootFieldsOf(document, operation).filter((name) => !name.startsWith('__')).length;
            await this.check(operation.operation, Math.max(1, fields), document, request.variables, contextValue);
          },
        };
      },
    };
  }

  private async check(
    type: OperationTypeNode,
    rootFields: number,
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    ctx: RateLimitedCaller,
  ) {
    const ip = ctx.clientIp ?? 'unknown';
    const caller = ctx.session.userId ? `user:${ctx.session.userId}` : `ip:${ip}`;
    // The address and the caller are counted concurrently: with auto-pipelining, one write to Redis.
    const perCaller =
      type === OperationTypeNode.QUERY
        ? this.reads.consume(caller, 'queries')
        : type === OperationTypeNode.MUTATION
          ? this.mutations.consume(caller, 'mutations', rootFields)
          : undefined;
    await Promise.all([this.perIp.consume(ip, 'requests from this address'), perCaller]);
    if (type !== OperationTypeNode.MUTATION) return;
    for (const email of loginEmails(document, variables)) {
      await this.loginPerIp.consume(ip, 'sign-in attempts from this address');
      if (email) await this.loginPerAccount.consume(email, 'sign-in attempts for this account');
    }
  }
}
