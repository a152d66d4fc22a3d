import { type RateLimit, RateLimitStore } from '../http/rate-limit';

export interface RateLimitOptions {
  points: number;
  windowSeconds: number;
  redisUrl?: string;
}

/**
 * Coach calls per user per window, on the shared rate-limit store: one count for every instance through
 * Redis when REDIS_URL is set (in memory while Redis is unreachable); in memory otherwise.
 */
export class CoachRateLimiter {
  private readonly store: RateLimitStore;
  private readonly limit: RateLimit;

  constructor(options: RateLimitOptions) {
    this.store = new RateLimitStore({ redisUrl: options.redisUrl });
    this.limit = this.store.limiter('coach-rate', options.points, options.windowSeconds);
  }

  /** Spends one call of `userId`'s allowance, or refuses with RATE_LIMITED and a retry-after hint. */
  consume(userId: string): Promise<void> {
    return this.limit.consume(userId, 'coach requests');
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
