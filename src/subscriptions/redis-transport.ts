import { EventEmitter } from 'node:events';

import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis, { type RedisOptions } from 'ioredis';

import type { Logger } from '../lib/logger';
import { iterate, listenOn, type Transport, type Unlisten } from './transport';

const MAX_BACKOFF_MS = 2_000;

/** Reconnects with exponential backoff capped at 2 s, forever: Redis coming back is always picked up. */
const retryStrategy = (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), MAX_BACKOFF_MS);

/** Redis transport (graphql-redis-subscriptions) adapted to type-graphql's PubSub shape. */
export class RedisTransport implements Transport {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly pubsub: RedisPubSub;
  private readonly reconnects = new EventEmitter();

  constructor(url: string, log: Logger) {
    const options: RedisOptions = { retryStrategy, connectTimeout: 2_000 };
    // The publisher fails fast while Redis is down (the outbox relay retries); the subscriber waits and resubscribes.
    // Auto-pipelining sends a relay batch's publishes in one write instead of one syscall each.
    this.publisher = new Redis(url, { ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true });
    this.subscriber = new Redis(url, { ...options, maxRetriesPerRequest: null });
    this.reconnects.setMaxListeners(0);
    for (const [name, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (err: Error) => log.warn({ redis: name, err: err.message }, 'redis error'));
    }
    let connectedOnce = false;
    this.subscriber.on('ready', () => {
      if (connectedOnce) {
        log.info('redis subscriber reconnected');
        this.reconnects.emit('reconnect');
      }
      connectedOnce = true;
    });
    this.pubsub = new RedisPubSub({ publisher: this.publisher, subscriber: this.subscriber });
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.pubsub.publish(topic, payload);
  }

  subscribe(topic: string): AsyncIterableIterator<unknown> {
    return iterate(this, topic);
  }

  listen(topic: string, onMessage: (payload: unknown) => void): Promise<Unlisten> {
    return listenOn(this.pubsub, topic, onMessage);
  }

  onReconnect(listener: () => void): Unlisten {
    this.reconnects.on('reconnect', listener);
    return () => this.reconnects.off('reconnect', listener);
  }

  isHealthy(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    this.reconnects.removeAllListeners();
    await this.pubsub.close();
  }
}
