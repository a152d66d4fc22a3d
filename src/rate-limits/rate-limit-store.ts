import type Redis from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import { DomainError, ErrorCode } from '../errors/domain-errors';
import type { Logger } from '../lib/logger';

/** RATE_LIMITED with `extensions.retryAfterSeconds`; over HTTP a 429 with a Retry-After header. */
function rateLimited(message: string, retryAfterSeconds: number): DomainError {
  return new DomainError(ErrorCode.RATE_LIMITED, message, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}

/**
 * Where every rate-limit counter of an instance lives (HTTP requests, sign-ins, coach calls): Redis when
 * REDIS_URL is set (one count shared by every instance), process memory otherwise. While Redis is
 * unreachable each limiter falls back to an in-memory one (limits then hold per instance: degraded,
 * never refusing because of the outage); the change is logged once each way.
 */
export class RateLimitStore {
  private degraded = false;

  /** `redis`: a fail-fast connection (commands refused at once while Redis is down), or null for memory. */
  constructor(
    private readonly redis: Redis | null,
    log: Logger,
  ) {
    if (!redis) return;
    redis.on('error', (err: Error) => {
      if (this.degraded) return;
      this.degraded = true;
      log.warn({ err: err.message }, 'rate limits degraded to per-instance memory: redis unreachable');
    });
    redis.on('ready', () => {
      if (!this.degraded) return;
      this.degraded = false;
      log.info('rate limits shared through redis again');
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
