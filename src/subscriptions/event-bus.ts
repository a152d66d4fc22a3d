import { type TopicName, type TopicPayloads, topics } from './topics';
import type { Transport, Unlisten } from './transport';

/** Typed publish/subscribe over the transport. Services publish; resolvers only subscribe. */
export class EventBus {
  constructor(readonly transport: Transport) {}

  publish<T extends TopicName>(topic: T, id: string, payload: TopicPayloads[T]): Promise<void> {
    return this.transport.publish(topics[topic](id), payload);
  }

  subscribe<T extends TopicName>(topic: T, id: string): AsyncIterableIterator<TopicPayloads[T]> {
    return this.transport.subscribe(topics[topic](id)) as AsyncIterableIterator<TopicPayloads[T]>;
  }

  /** Resolves once the subscription is active: what is published from then on reaches `onMessage`. */
  listen<T extends TopicName>(topic: T, id: string, onMessage: (payload: TopicPayloads[T]) => void): Promise<Unlisten> {
    return this.transport.listen(topics[topic](id), onMessage as (payload: unknown) => void);
  }

  onReconnect(listener: () => void): Unlisten {
    return this.transport.onReconnect(listener);
  }
}
