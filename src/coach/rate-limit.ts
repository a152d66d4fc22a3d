import type { RateLimit, RateLimitStore } from '../rate-limits/rate-limit-store';

export interface RateLimitOptions {
  points: number;
  windowSeconds: number;
}

/**
 * Coach calls per user per window, on the instance's shared rate-limit store: one count for every
 * instance through Redis when REDIS_URL is set (in memory while Redis is unreachable); in memory otherwise.
 */
export class CoachRateLimiter {
  private readonly limit: RateLimit;

  constructor(store: RateLimitStore, options: RateLimitOptions) {
    this.limit = store.limiter('coach-rate', options.points, options.windowSeconds);
  }

  /** Spends one call of `userId`'s allowance, or refuses with RATE_LIMITED and a retry-after hint. */
  consume(userId: string): Promise<void> {
    return this.limit.consume(userId, 'coach requests');
  }
}
