import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis, { type RedisOptions } from 'ioredis';

import type { Logger } from '../lib/logger';
import type { Transport } from './transport';

const MAX_BACKOFF_MS = 2_000;

/** Reconnects with exponential backoff capped at 2 s, forever: Redis coming back is always picked up. */
const retryStrategy = (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), MAX_BACKOFF_MS);

/** Redis transport (graphql-redis-subscriptions) adapted to type-graphql's PubSub shape. */
export class RedisTransport implements Transport {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly pubsub: RedisPubSub;

  constructor(url: string, log: Logger) {
    const options: RedisOptions = { retryStrategy, lazyConnect: false, connectTimeout: 2_000 };
    // The publisher fails fast while Redis is down (the outbox relay retries); the subscriber waits and resubscribes.
    this.publisher = new Redis(url, { ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(url, { ...options, maxRetriesPerRequest: null });
    for (const [name, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (err: Error) => log.warn({ redis: name, err: err.message }, 'redis error'));
    }
    this.pubsub = new RedisPubSub({ publisher: this.publisher, subscriber: this.subscriber });
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.pubsub.publish(topic, payload);
  }

  subscribe(topic: string): AsyncIterableIterator<unknown> {
    return this.pubsub.asyncIterableIterator(topic) as AsyncIterableIterator<unknown>;
  }

  isHealthy(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    await this.pubsub.close();
  }
}
