import { PubSub } from 'graphql-subscriptions';

import type { Transport } from './transport';

/** In-process transport for a single instance without Redis (the embedded default). */
export class LocalTransport implements Transport {
  private readonly pubsub = new PubSub();

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.pubsub.publish(topic, payload);
  }

  subscribe(topic: string): AsyncIterableIterator<unknown> {
    return this.pubsub.asyncIterableIterator<unknown>(topic);
  }

  isHealthy(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}
