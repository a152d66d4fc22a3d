import { type Client,createClient } from 'graphql-ws';

import { ApiError, GRAPHQL_PATH } from './api';
import type { Auth } from './auth';

/** What the connection indicator shows. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export interface StreamSpec<T> {
  query: string;
  /** Read at every (re)subscription, so a resume can carry the latest cursor. */
  variables: () => Record<string, unknown>;
  next: (data: T) => void;
  /** Called after a reconnect, before the stream is resubscribed: refetch what may have been missed. */
  resync?: () => void;
  /** A GraphQL error for this operation (e.g. the field does not exist on this server, or FORBIDDEN). */
  error?: (error: ApiError) => void;
  /** The server ended the stream. */
  complete?: () => void;
  /** A standing stream (game events): a server-side end only detaches it until the next reconnect. */
  persistent?: boolean;
}

interface ActiveStream {
  spec: StreamSpec<unknown>;
  dispose: (() => void) | null;
  ended: boolean;
}

const KEEP_ALIVE_MS = 4_000;
const PONG_TIMEOUT_MS = 3_000;
const MAX_BACKOFF_MS = 4_000;
const RENEW_CALM_MS = 30_000;

function socketUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * One graphql-ws connection for the page. It reconnects by itself with a capped backoff, detects a
 * dead server by ping/pong, and on every reconnect resubscribes each stream with fresh variables
 * (so `gameEvents(after:)` resumes from the last cursor seen) after asking it to resync.
 */
export class Live {
  status: LiveStatus = 'connecting';
  private client: Client | null = null;
  private generation = 0;
  private attempt = 0;
  private everConnected = false;
  private lastRenewAt = 0;
  private stopped = false;
  private reconnectTimer: number | undefined;
  private readonly streams = new Set<ActiveStream>();
  private readonly listeners = new Set<(status: LiveStatus) => void>();

  constructor(private readonly auth: Auth) {}

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  /** For a server without subscriptions: no socket, the indicator says so. */
  markUnavailable(): void {
    this.stop();
    this.setStatus('unavailable');
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    window.clearTimeout(this.reconnectTimer);
    void this.client?.dispose();
    this.client = null;
  }

  /** Subscribes now (or when connected) and again after every reconnect; returns the unsubscribe. */
  subscribe<T>(spec: StreamSpec<T>): () => void {
    const stream: ActiveStream = { spec: spec as StreamSpec<unknown>, dispose: null, ended: false };
    this.streams.add(stream);
    if (this.client && this.status === 'live') this.attach(stream, this.client, this.generation);
    return () => {
      stream.ended = true;
      stream.dispose?.();
      this.streams.delete(stream);
    };
  }

  private open(): void {
    const generation = ++this.generation;
    this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
    let socket: WebSocket | null = null;
    let pongTimer: number | undefined;
    const client = createClient({
      url: socketUrl(),
      lazy: false,
      retryAttempts: 0,
      keepAlive: KEEP_ALIVE_MS,
      connectionParams: async () => ({ authorization: `Bearer ${await this.auth.token()}` }),
      onNonLazyError: () => undefined,
      on: {
        opened: (opened) => {
          socket = opened as WebSocket;
        },
        ping: (received) => {
          if (received) return;
          pongTimer = window.setTimeout(() => {
            if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'Pong timeout');
          }, PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) window.clearTimeout(pongTimer);
        },
        connected: () => {
          if (generation !== this.generation) return;
          const resumed = this.everConnected;
          this.everConnected = true;
          this.attempt = 0;
          this.setStatus('live');
          for (const stream of this.streams) {
            if (resumed) stream.spec.resync?.();
            this.attach(stream, client, generation);
          }
        },
        closed: () => {
          window.clearTimeout(pongTimer);
          if (generation !== this.generation || this.stopped) return;
          this.generation++; // late callbacks of this dead client are ignored from here on
          for (const stream of this.streams) {
            stream.dispose = null;
          }
          this.scheduleReconnect(client);
        },
      },
    });
    this.client = client;
  }

  /** Replaces the socket (fresh token in connection_init); streams resync and resume on the new one. */
  private renew(): void {
    if (this.stopped || !this.client) return;
    const dead = this.client;
    this.generation++;
    for (const stream of this.streams) stream.dispose = null;
    // Quick renewals in a row back off like reconnects; an occasional one is immediate.
    if (Date.now() - this.lastRenewAt > RENEW_CALM_MS) this.attempt = 0;
    this.lastRenewAt = Date.now();
    this.scheduleReconnect(dead);
  }

  private scheduleReconnect(dead: Client): void {
    this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
    window.clearTimeout(this.reconnectTimer);
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempt++) + Math.random() * 250;
    this.reconnectTimer = window.setTimeout(() => {
      void dead.dispose();
      if (!this.stopped) this.open();
    }, delay);
  }

  private attach(stream: ActiveStream, client: Client, generation: number): void {
    if (stream.ended) return;
    stream.dispose?.();
    stream.dispose = client.subscribe<unknown>(
      { query: stream.spec.query, variables: stream.spec.variables() },
      {
        next: (result) => {
          if (generation !== this.generation || stream.ended) return;
          if (result.errors?.length) stream.spec.error?.(ApiError.from(result.errors));
          else if (result.data) stream.spec.next(result.data);
        },
        error: (error) => {
          if (generation !== this.generation || stream.ended) return;
          // An array is a GraphQL error for this operation; anything else is the socket closing (reconnect handles it).
          if (Array.isArray(error)) {
            stream.ended = true;
            this.streams.delete(stream);
            stream.spec.error?.(ApiError.from(error));
          }
        },
        complete: () => {
          if (generation !== this.generation || stream.ended) return;
          if (stream.spec.persistent) {
            // The server ends standing streams when the socket's access token expires: reconnect with a fresh one.
            stream.dispose = null;
            this.renew();
            return;
          }
          stream.ended = true;
          this.streams.delete(stream);
          stream.spec.complete?.();
        },
      },
    );
  }

  private setStatus(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}
