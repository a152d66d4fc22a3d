import { EventEmitter } from 'node:events';

import { RedisPubSub } from 'graphql-redis-subscriptions';
import type Redis from 'ioredis';

import type { Logger } from '../lib/logger';
import type { RedisConnections } from '../redis/connections';
import { iterate, listenOn, type Transport, type Unlisten } from './transport';

/** Redis transport (graphql-redis-subscriptions) adapted to type-graphql's PubSub shape. */
export class RedisTransport implements Transport {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly pubsub: RedisPubSub;
  private readonly reconnects = new EventEmitter();

  /** The connections are the instance's (closed by their owner, not here). */
  constructor(redis: RedisConnections, log: Logger) {
    // The publisher fails fast while Redis is down (the outbox relay retries); the subscriber waits and resubscribes.
    // Auto-pipelining sends a relay batch's publishes in one write instead of one syscall each.
    this.publisher = redis.commands;
    this.subscriber = redis.subscriber;
    this.reconnects.setMaxListeners(0);
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
  }
}
