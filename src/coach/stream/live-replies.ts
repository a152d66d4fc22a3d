import type { CoachMessageView } from '../conversations/coach.views';
import type { ConversationStore } from '../conversations/conversation.store';
import { estimateTokens } from '../providers/tokens';
import type { StreamSnapshot, StreamStateStore } from './stream-state';

/** Replies as readers see them: a STREAMING row overlaid with its live state (the row has only the last checkpoint). */
export class LiveReplies {
  constructor(
    private readonly store: ConversationStore,
    private readonly streams: StreamStateStore,
  ) {}

  /** The message as it stands: while it streams, its text and seq come from the live state. */
  async current(messageId: string): Promise<CoachMessageView | null> {
    const row = await this.store.findMessage(messageId);
    return row && this.overlay(row);
  }

  /**
   * Overlays a STREAMING row with its live state. An ended state whose outcome is not stored yet reads as
   * ended, so a reader never waits for a chunk it already has.
   */
  async overlay<T extends CoachMessageView>(row: T, options: { readBeforeSubscribing?: boolean } = {}): Promise<T> {
    if (row.status !== 'STREAMING') return row;
    // Redis unreachable (its client logs that): the last checkpoint is the best there is, and readers dedupe by seq.
    const live: StreamSnapshot | null = await this.streams.read(row.id).catch(() => null);
    if (!live || live.seq < row.seq) {
      // No live state: the stored row is the truth (read again when the caller's copy predates subscribing).
      return options.readBeforeSubscribing ? (((await this.store.findMessage(row.id)) as T | null) ?? row) : row;
    }
    const view = { ...row, content: live.content, seq: live.seq };
    if (!live.ended) return view;
    return {
      ...view,
      status: live.ended.status,
      error: live.ended.error,
      finishedAt: live.ended.finishedAt,
      tokensOut: Math.max(row.tokensOut, estimateTokens(live.content)),
    };
  }
}
