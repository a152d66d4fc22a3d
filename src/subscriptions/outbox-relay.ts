import type { DataSource } from 'typeorm';

import type { Logger } from '../lib/logger';
import type { EventBus } from './event-bus';
import type { GameEventMessage } from './event-types';

/** Every instance runs a relay; this transaction-scoped advisory lock lets one publish at a time. */
const RELAY_LOCK = 7_301_944_212;

export interface GameEventRow {
  id: string;
  user_id: string;
  type: GameEventMessage['type'];
  payload: GameEventMessage['payload'];
  occurred_at: Date | string;
}

export function toMessage(row: GameEventRow): GameEventMessage {
  return {
    cursor: String(row.id),
    userId: row.user_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    type: row.type,
    payload: row.payload,
  } as GameEventMessage;
}

export interface RelayOptions {
  batchSize: number;
  /** Safety net: how often to look for events committed elsewhere or left behind by an outage. */
  pollMs: number;
}

/**
 * Publishes committed events from the game_events outbox, in cursor order, then marks them published
 * in the same transaction. A rolled-back change never reaches the table, so it is never published; a
 * committed one stays unpublished until the broker accepted it (Redis down → retried on the next poll).
 * Several instances: the advisory lock plus FOR UPDATE SKIP LOCKED mean one relay publishes a batch.
 * A crash between publish and commit can send a batch again; subscribers drop cursors they have seen.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastError: string | null = null;
  /** Events published by this instance (for metrics). */
  published = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly options: RelayOptions = { batchSize: 500, pollMs: 1000 },
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Asks for a publish pass now (after a commit); passes never overlap. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops polling after publishing what is committed now (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.drain();
    this.stopped = true;
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const count = await this.publishBatch();
        if (count < this.options.batchSize) break;
      }
      if (this.lastError) this.log.info('outbox relay recovered');
      this.lastError = null;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (message !== this.lastError) this.log.warn({ err: message }, 'outbox relay could not publish; will retry');
      this.lastError = message;
    }
  }

  private publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK]);
      if (!locked) {
        // Another instance is publishing: look again shortly, in case our commit came after its last read.
        setTimeout(() => this.kick(), 25).unref();
        return 0;
      }
      const rows = await tx.query<GameEventRow[]>(
        `SELECT id, user_id, type, payload, occurred_at FROM game_events
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      // One connection keeps the order of these publishes; all must be accepted before we mark them.
      await Promise.all(rows.map((row) => this.bus.publish('gameEvents', row.user_id, toMessage(row))));
      await tx.query('UPDATE game_events SET published_at = $2 WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id), new Date()]);
      this.published += rows.length;
      return rows.length;
    });
  }
}
