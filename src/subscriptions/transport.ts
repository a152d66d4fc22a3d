import type { PubSub } from 'type-graphql';

import { AsyncQueue } from '../lib/async-queue';

export type Unlisten = () => void;

/**
 * How messages travel between server instances: Redis when REDIS_URL is set, in-process otherwise.
 * Besides type-graphql 2.0's PubSub shape it offers `listen`, which resolves only once the
 * subscription is active, so a stream can replay from the database without a gap at the seam.
 */
export interface Transport extends PubSub {
  /** Resolves once the message was handed to the broker; rejects when the broker is unreachable. */
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- awaiting is optional for type-graphql, required for the relay
  publish(topic: string, payload: unknown): Promise<void>;
  /** An iterator of the topic's messages; `return()` unsubscribes. */
  subscribe(topic: string): AsyncIterableIterator<unknown>;
  /** Calls `onMessage` for each message of `topic`; resolves when the subscription is active. */
  listen(topic: string, onMessage: (payload: unknown) => void): Promise<Unlisten>;
  /** Calls `listener` after the broker connection came back: messages sent meanwhile may be missing. */
  onReconnect(listener: () => void): Unlisten;
  /** True while messages can be delivered (for readiness checks). */
  isHealthy(): boolean;
  close(): Promise<void>;
}

interface SubscribeUnsubscribe {
  subscribe(topic: string, onMessage: (payload: unknown) => void): Promise<number>;
  unsubscribe(id: number): void;
}

/** `listen` on top of a graphql-subscriptions style engine (subscribe/unsubscribe by id). */
export async function listenOn(engine: SubscribeUnsubscribe, topic: string, onMessage: (payload: unknown) => void): Promise<Unlisten> {
  const id = await engine.subscribe(topic, onMessage);
  let active = true;
  return () => {
    if (!active) return;
    active = false;
    engine.unsubscribe(id);
  };
}

/** An iterator over `listen`: messages that arrive before the subscription is active are not expected. */
export function iterate(transport: Pick<Transport, 'listen'>, topic: string): AsyncIterableIterator<unknown> {
  let unlisten: Unlisten | null = null;
  let left = false;
  const queue = new AsyncQueue<unknown>(() => {
    left = true;
    unlisten?.();
  });
  void transport
    .listen(topic, (payload) => queue.push(payload))
    .then((stop) => {
      unlisten = stop;
      if (left) stop();
    });
  return queue;
}
