import { PubSub } from 'graphql-subscriptions';

import { iterate, listenOn, type Transport, type Unlisten } from './transport';

/** In-process transport for a single instance without Redis (the embedded default). */
export class LocalTransport implements Transport {
  private readonly pubsub = new PubSub();

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.pubsub.publish(topic, payload);
  }

  subscribe(topic: string): AsyncIterableIterator<unknown> {
    return iterate(this, topic);
  }

  listen(topic: string, onMessage: (payload: unknown) => void): Promise<Unlisten> {
    return listenOn(this.pubsub, topic, onMessage);
  }

  onReconnect(): Unlisten {
    return () => {};
  }

  isHealthy(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}
