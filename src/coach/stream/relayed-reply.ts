import type { Logger } from '../../lib/logger';
import type { CoachChunkMessage } from '../../subscriptions/topics';
import type { ConversationStore } from '../conversations/conversation.store';
import type { AppendResult, StreamStateStore } from './stream-state';

/** Why a stream was stopped from our side (the AbortController's reason). */
export type StopReason = 'CANCELLED' | 'FIRST_TOKEN_TIMEOUT' | 'TIMEOUT' | 'SHUTDOWN' | 'LOST' | 'STORE_FAILED';

export interface RelayedReplyDeps {
  state: StreamStateStore;
  store: ConversationStore;
  publish: (chunk: CoachChunkMessage) => Promise<void>;
  controller: AbortController;
  log: Logger;
  /** Tokens are coalesced into one chunk at most this often. */
  flushMs: number;
  /** The text so far is written to PostgreSQL at most this often. */
  checkpointMs: number;
}

/**
 * The state of one reply while its relay streams it: the text stored in the live state, the text waiting
 * for the next chunk, the last seq, and the flush and checkpoint timers. Tokens go in with `add`; each
 * coalesced chunk is appended to the live state, then published, then checkpointed now and then.
 */
export class RelayedReply {
  /** The text appended to the live state (and published) so far. */
  stored = '';
  /** Text not yet in a chunk. */
  pending = '';
  seq = -1;
  /** Ended elsewhere (a cancel on another instance, or a row no longer STREAMING): this relay writes nothing more. */
  lost = false;
  private readonly opened: Promise<boolean>;
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlushAt = 0;
  private chain = Promise.resolve();
  private checkpointedAt = Date.now();
  private checkpointing = Promise.resolve();
  private checkpointBusy = false;

  constructor(
    private readonly messageId: string,
    private readonly deps: RelayedReplyDeps,
  ) {
    this.opened = deps.state.open(messageId).then(
      () => true,
      (err: unknown) => {
        deps.log.error({ err, messageId }, 'coach stream state could not be opened');
        this.stop('STORE_FAILED');
        return false;
      },
    );
  }

  /** A token from the provider: the first after a quiet spell goes out at once; those within flushMs wait for one chunk. */
  add(text: string): void {
    this.pending += text;
    if (this.flushTimer) return;
    const wait = this.lastFlushAt + this.deps.flushMs - Date.now();
    if (wait <= 0) return this.flushNow();
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flushNow();
    }, wait);
  }

  /** Waits for the chunks and the checkpoint in flight (a scheduled flush is dropped: its text stays pending). */
  async settle(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.chain;
    await this.checkpointing;
  }

  private stop(reason: StopReason): void {
    this.deps.controller.abort(reason);
  }

  private flushNow(): void {
    this.lastFlushAt = Date.now();
    this.chain = this.chain.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    if (!this.pending || this.lost || this.deps.controller.signal.aborted || !(await this.opened)) return;
    const delta = this.pending;
    this.pending = '';
    let appended: AppendResult;
    try {
      appended = await this.deps.state.append(this.messageId, delta);
    } catch (err) {
      this.deps.log.error({ err, messageId: this.messageId }, 'coach chunk could not be stored');
      appended = 'MISSING';
    }
    if (appended === 'ENDED') {
      // Cancelled from another instance, which published the final chunk.
      this.lost = true;
      return this.stop('LOST');
    }
    if (appended === 'MISSING') {
      this.pending = delta + this.pending;
      return this.stop('STORE_FAILED');
    }
    this.seq = appended;
    this.stored += delta;
    await this.deps.publish({ messageId: this.messageId, seq: this.seq, delta, done: false, status: 'STREAMING' });
    this.checkpoint();
  }

  /** One checkpoint in flight at most; a failed one is only logged (the next one, or the end, writes it all). */
  private checkpoint(): void {
    if (this.checkpointBusy || Date.now() - this.checkpointedAt < this.deps.checkpointMs) return;
    this.checkpointBusy = true;
    this.checkpointedAt = Date.now();
    this.checkpointing = this.deps.store
      .checkpoint(this.messageId, this.stored, this.seq)
      .then(
        (streaming) => {
          // Ended without the live state (an instance without REDIS_URL on the same database): stop here.
          if (!streaming) {
            this.lost = true;
            this.stop('LOST');
          }
        },
        (err: unknown) => this.deps.log.warn({ err, messageId: this.messageId }, 'coach checkpoint could not be stored'),
      )
      .finally(() => (this.checkpointBusy = false));
  }
}
