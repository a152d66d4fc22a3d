import type { Database } from '../db/database';
import { badInput } from '../errors/domain-errors';
import { AsyncQueue } from '../lib/async-queue';
import type { Scope } from '../lib/scope';
import type { EventBus } from '../subscriptions/event-bus';
import type { GameEventMessage, GameEventType } from '../subscriptions/event-types';
import { type GameEventRow, toMessage } from '../subscriptions/outbox-relay';
import type { AccessService } from './access.service';

const REPLAY_PAGE = 500;
/** setTimeout's limit; a token living longer is re-armed rather than overflowing. */
const MAX_TIMER_MS = 2_147_483_647;
const CATCH_UP = Symbol('catch-up');
type Item = GameEventMessage | typeof CATCH_UP;

export interface StreamRequest {
  userId?: string | null;
  /** The last cursor the client saw: everything after it is replayed first. */
  after?: string | null;
  /** Only these event types (all when omitted). */
  types?: readonly GameEventType[];
}

/**
 * Live game events of one user for one subscriber: authorised once at subscribe time, replayed from the
 * event table after `after`, then live from the bus without a gap or a duplicate at the seam (cursors
 * only grow per user, so anything at or below the last delivered cursor is dropped). When the broker
 * reconnects, the stream catches up from the database. It ends when the caller's token expires or,
 * for a mentor, when access is revoked.
 */
export class LiveEventsService {
  /** Events read back from the table for subscribers (for metrics). */
  replayed = 0;

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly access: AccessService,
  ) {}

  async stream(scope: Scope, request: StreamRequest): Promise<AsyncIterableIterator<GameEventMessage>> {
    const viewerId = scope.session.requireUserId();
    const userId = request.userId ?? viewerId;
    await this.access.requireReadable(scope, userId);
    if (request.after != null && !/^\d{1,18}$/.test(request.after)) throw badInput('after', 'after must be an event cursor.');

    const queue = new AsyncQueue<Item>();
    const unlisten = await this.bus.listen('gameEvents', userId, (message) => queue.push(message));
    const stopCatchUp = this.bus.onReconnect(() => queue.push(CATCH_UP));
    const expiry = this.endAtExpiry(scope, queue);
    const start = request.after != null ? BigInt(request.after) : await this.latestCursor(userId);
    const cleanup = () => {
      unlisten();
      stopCatchUp();
      clearTimeout(expiry);
    };
    const events = this.merge(queue, userId, viewerId, start, request.after != null, request.types);
    return {
      next: () => events.next(),
      return: async () => {
        // Ends a consumer waiting on an idle queue at once, instead of at the next event.
        queue.close();
        cleanup();
        return events.return(undefined);
      },
      [Symbol.asyncIterator](): AsyncIterableIterator<GameEventMessage> {
        return this as AsyncIterableIterator<GameEventMessage>;
      },
    };
  }

  private async *merge(
    queue: AsyncQueue<Item>,
    userId: string,
    viewerId: string,
    start: bigint,
    replayFirst: boolean,
    types: readonly GameEventType[] | undefined,
  ): AsyncGenerator<GameEventMessage, void, undefined> {
    let last = start;
    const deliverable = (event: GameEventMessage) => !types || types.includes(event.type);
    if (replayFirst) {
      for await (const event of this.replay(userId, last)) {
        last = BigInt(event.cursor);
        if (deliverable(event)) yield event;
      }
    }
    for await (const item of queue) {
      const batch = item === CATCH_UP ? this.replay(userId, last) : single(item);
      for await (const event of batch) {
        const cursor = BigInt(event.cursor);
        if (cursor <= last) continue;
        if (viewerId !== userId && !(await this.access.canRead(viewerId, userId))) return;
        last = cursor;
        if (deliverable(event)) yield event;
      }
    }
  }

  private async *replay(userId: string, after: bigint): AsyncGenerator<GameEventMessage> {
    let cursor = after;
    for (;;) {
      const rows = await this.db.query<GameEventRow>(
        `SELECT id, user_id, type, payload, occurred_at FROM game_events WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT ${REPLAY_PAGE}`,
        [userId, cursor.toString()],
      );
      this.replayed += rows.length;
      for (const row of rows) yield toMessage(row);
      if (rows.length < REPLAY_PAGE) return;
      cursor = BigInt(rows[rows.length - 1].id);
    }
  }

  private async latestCursor(userId: string): Promise<bigint> {
    const [row] = await this.db.query<{ max: string | null }>('SELECT max(id)::text AS max FROM game_events WHERE user_id = $1', [userId]);
    return BigInt(row?.max ?? '0');
  }

  private endAtExpiry(scope: Scope, queue: AsyncQueue<Item>): NodeJS.Timeout | undefined {
    const expiresAt = scope.session.expiresAt;
    if (expiresAt === null) return undefined;
    const ms = Math.min(MAX_TIMER_MS, Math.max(0, expiresAt * 1000 - Date.now()));
    const timer = setTimeout(() => queue.close(), ms);
    timer.unref();
    return timer;
  }
}

async function* single(event: GameEventMessage): AsyncGenerator<GameEventMessage> {
  yield event;
}
