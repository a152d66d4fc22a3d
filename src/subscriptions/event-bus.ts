import { topics, type TopicName, type TopicPayloads } from './topics';
import type { Transport } from './transport';

/** Typed publish/subscribe over the transport. Services publish; resolvers only subscribe. */
export class EventBus {
  constructor(readonly transport: Transport) {}

  publish<T extends TopicName>(topic: T, id: string, payload: TopicPayloads[T]): Promise<void> {
    return this.transport.publish(topics[topic](id), payload);
  }

  subscribe<T extends TopicName>(topic: T, id: string): AsyncIterableIterator<TopicPayloads[T]> {
    return this.transport.subscribe(topics[topic](id)) as AsyncIterableIterator<TopicPayloads[T]>;
  }
}
