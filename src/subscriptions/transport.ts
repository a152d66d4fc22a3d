import type { PubSub } from 'type-graphql';

/**
 * How messages travel between server instances: Redis when REDIS_URL is set, in-process otherwise.
 * The shape is type-graphql 2.0's PubSub: publish(topic, payload) and subscribe(topic) → AsyncIterable.
 */
export interface Transport extends PubSub {
  /** Resolves once the message was handed to the broker; rejects when the broker is unreachable. */
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- awaiting is optional for type-graphql, required for the relay
  publish(topic: string, payload: unknown): Promise<void>;
  /** An iterator of the topic's messages; `return()` unsubscribes. */
  subscribe(topic: string): AsyncIterableIterator<unknown>;
  /** True while messages can be delivered (for readiness checks). */
  isHealthy(): boolean;
  close(): Promise<void>;
}
