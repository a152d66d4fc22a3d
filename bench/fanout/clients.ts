import * as hdr from 'hdr-histogram-js';
import WebSocket from 'ws';

export interface ClientSpec {
  userId: string;
  /** graphql-ws: the access token; baseline: unused. */
  token?: string;
}

export interface FanoutStats {
  connected: number;
  initTimeouts: number;
  unexpectedCloses: number;
  received: number;
  duplicates: number;
  latency: hdr.Histogram;
  perUser: Map<string, number>;
}

const SUBSCRIPTION = 'subscription { gameEvents { cursor occurredAt ... on XpEvent { amount } } }';

/**
 * N WebSocket clients in this process. `protocol: 'graphql-ws'` speaks graphql-transport-ws to the API
 * (connection_init with the token, then one gameEvents subscription); `protocol: 'raw'` connects to the
 * bare baseline server. Each message's latency is now − its timestamp (same machine clock).
 */
export class FanoutClients {
  readonly stats: FanoutStats = {
    connected: 0,
    initTimeouts: 0,
    unexpectedCloses: 0,
    received: 0,
    duplicates: 0,
    latency: hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000, numberOfSignificantValueDigits: 3 }),
    perUser: new Map(),
  };
  private readonly sockets: WebSocket[] = [];
  private readonly seen = new Map<string, Set<string>>();
  private closing = false;

  constructor(
    private readonly wsUrl: string,
    private readonly protocol: 'graphql-ws' | 'raw',
  ) {}

  /** Opens the connections at `perSecond`, resolving when all are ready (acknowledged and subscribed). */
  async connect(specs: ClientSpec[], perSecond: number): Promise<void> {
    const batch = Math.max(1, Math.round(perSecond / 20));
    const ready: Promise<void>[] = [];
    for (let i = 0; i < specs.length; i += batch) {
      for (const spec of specs.slice(i, i + batch)) ready.push(this.open(spec));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(ready);
  }

  private open(spec: ClientSpec): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = this.protocol === 'raw' ? `${this.wsUrl}?user=${spec.userId}` : this.wsUrl;
      const socket = new WebSocket(url, this.protocol === 'raw' ? undefined : 'graphql-transport-ws');
      this.sockets.push(socket);
      this.seen.set(spec.userId, new Set());
      socket.on('open', () => {
        if (this.protocol === 'raw') {
          this.stats.connected++;
          resolve();
          return;
        }
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${spec.token}` } }));
      });
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { type?: string; payload?: any; cursor?: string; sentAt?: number };
        if (this.protocol === 'raw') return this.record(spec.userId, message.cursor as string, message.sentAt as number);
        if (message.type === 'connection_ack') {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
          this.stats.connected++;
          resolve();
        } else if (message.type === 'next') {
          const event = message.payload.data?.gameEvents;
          if (event) this.record(spec.userId, event.cursor, Date.parse(event.occurredAt));
        } else if (message.type === 'ping') {
          socket.send(JSON.stringify({ type: 'pong' }));
        }
      });
      socket.on('close', (code) => {
        if (code === 4408) this.stats.initTimeouts++;
        else if (!this.closing) this.stats.unexpectedCloses++;
      });
      socket.on('error', reject);
    });
  }

  private record(userId: string, cursor: string, sentAt: number): void {
    const seen = this.seen.get(userId) as Set<string>;
    if (seen.has(cursor)) {
      this.stats.duplicates++;
      return;
    }
    seen.add(cursor);
    this.stats.received++;
    this.stats.perUser.set(userId, (this.stats.perUser.get(userId) ?? 0) + 1);
    this.stats.latency.recordValue(Math.max(1, Date.now() - sentAt));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once('close', () => resolve());
            socket.close(1000);
          }),
      ),
    );
  }
}
