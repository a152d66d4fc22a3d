import type { Logger } from '../../lib/logger';
import type { EventBus } from '../../subscriptions/event-bus';
import type { StoredEnd } from '../conversations/coach.views';
import type { ConversationStore } from '../conversations/conversation.store';
import { estimateTokens } from '../providers/tokens';
import type { StreamStateStore } from './stream-state';

/** How a reply is ended from outside its relay: by a cancel on another instance, or by a follower of a dead one. */
export interface EndElsewhere {
  status: 'CANCELLED' | 'FAILED';
  error: string | null;
  now: Date;
  log: Logger;
  /** The relay had ended the live state but has been silent past its timeout since (it died before storing the end). */
  stale?: boolean;
}

/** The end of a reply: stored once, then told to its subscribers with a final chunk carrying the whole text. */
export class ReplyEnding {
  constructor(
    private readonly store: ConversationStore,
    private readonly bus: EventBus,
    private readonly streams: StreamStateStore,
  ) {}

  /** Stores the end (unless someone else did) and publishes the final chunk, whose `delta` is the last text. */
  async record(messageId: string, end: StoredEnd, delta: string, log: Logger): Promise<void> {
    if (!(await this.store.finish(messageId, end))) return;
    const chunk = {
      messageId,
      seq: end.seq,
      delta,
      done: true,
      content: end.content,
      status: end.status,
      ...(end.error ? { error: end.error } : {}),
    };
    // The stored text stays right; a subscriber that reconnects reads it.
    await this.bus
      .publish('coachStream', messageId, chunk)
      .catch((err: unknown) => log.warn({ err, messageId }, 'coach end chunk could not be published'));
  }

  /**
   * Ends a STREAMING message from outside its relay. The live state is ended first (atomically: the relay's
   * next append is refused, so it stops); its final chunk carries the next seq and the whole text. When the
   * relay had ended it itself and `stale` is set, its outcome is stored from the live state.
   */
  async endElsewhere(messageId: string, how: EndElsewhere): Promise<void> {
    const row = await this.store.findMessage(messageId);
    if (!row || row.status !== 'STREAMING') return;
    const { endedHere, snapshot } = await this.streams.end(
      messageId,
      '',
      { status: how.status, error: how.error, finishedAt: how.now },
      { seq: row.seq, content: row.content },
    );
    if (!endedHere && !how.stale) return;
    const { status, error, finishedAt } = snapshot.ended;
    const end = { status, error, finishedAt, content: snapshot.content, seq: snapshot.seq, tokensOut: estimateTokens(snapshot.content) };
    await this.record(messageId, end, '', how.log);
  }
}
