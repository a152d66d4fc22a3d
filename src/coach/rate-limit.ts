import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

import { ErrorCode, ruleBroken } from '../errors/domain-errors';

export interface RateLimitOptions {
  points: number;
  windowSeconds: number;
  redisUrl?: string;
}

/**
 * Coach calls per user per window: shared by every instance through Redis when REDIS_URL is set, with an
 * in-memory limiter as insurance while Redis is unreachable; in memory otherwise.
 */
export class CoachRateLimiter {
  private readonly limiter: RateLimiterAbstract;
  private readonly redis: Redis | null;

  constructor(options: RateLimitOptions) {
    const base = { points: options.points, duration: options.windowSeconds, keyPrefix: 'coach-rate' };
    const memory = new RateLimiterMemory(base);
    if (options.redisUrl) {
      this.redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
      this.redis.on('error', () => undefined);
      this.limiter = new RateLimiterRedis({ ...base, storeClient: this.redis, insuranceLimiter: memory });
    } else {
      this.redis = null;
      this.limiter = memory;
    }
  }

  /** Spends one call of `userId`'s allowance, or refuses with RATE_LIMITED and a retry-after hint. */
  async consume(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw ruleBroken(ErrorCode.RATE_LIMITED, `Too many coach requests: try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}
