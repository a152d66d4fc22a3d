import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { EventBus } from '../../subscriptions/event-bus';
import type { CoachChunkMessage } from '../../subscriptions/topics';
import { type CoachProvider, type CoachRequest, estimateTokens, ProviderError } from '../providers/provider';
import type { AppendResult, StreamStateStore } from './stream-state';

export interface RelayOptions {
  firstTokenTimeoutMs: number;
  timeoutMs: number;
  /** Tokens are coalesced into one chunk at most this often. */
  flushMs: number;
  /** The text so far is written to PostgreSQL at most this often while streaming (and at the end). */
  checkpointMs: number;
}

export type FinalStatus = 'COMPLETE' | 'FAILED' | 'CANCELLED';

/** Why a stream was stopped from our side (the AbortController's reason). */
type StopReason = 'CANCELLED' | 'FIRST_TOKEN_TIMEOUT' | 'TIMEOUT' | 'SHUTDOWN' | 'LOST' | 'STORE_FAILED';

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

const RETURNING_SEQ = (update: string) => `WITH changed AS (${update} RETURNING seq) SELECT seq FROM changed`;

/**
 * Streams one assistant message from the provider to the bus. Each coalesced chunk is written to the live
 * stream state before it is published (so a subscriber that reads the state after subscribing misses
 * nothing: any chunk it did not read was published after it subscribed); PostgreSQL gets a checkpoint of
 * the text at most every `checkpointMs` and the final text with the outcome. The stream ends COMPLETE,
 * CANCELLED (by the owner) or FAILED (provider error, dropped stream, timeout), always with a final `done`
 * chunk — unless it was ended elsewhere (a cancel on another instance), which then sent that chunk.
 */
export class CoachRelay {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly state: StreamStateStore,
    private readonly provider: CoachProvider,
    private readonly clock: Clock,
    private readonly options: RelayOptions,
  ) {}

  get providerName() {
    return this.provider.name;
  }

  /** Starts streaming in the background; returns at once. */
  start(messageId: string, request: CoachRequest, log: Logger): void {
    const controller = new AbortController();
    const done = this.run(messageId, request, controller, log)
      .catch((err: unknown) => log.error({ err, messageId }, 'coach relay crashed'))
      .finally(() => this.running.delete(messageId));
    this.running.set(messageId, { controller, done });
  }

  /** Aborts a stream running on this instance; resolves once it is stored CANCELLED. False when it runs elsewhere or ended. */
  async cancel(messageId: string): Promise<boolean> {
    const running = this.running.get(messageId);
    if (!running) return false;
    running.controller.abort('CANCELLED' satisfies StopReason);
    await running.done;
    return true;
  }

  /** Ends every stream of this instance (they end FAILED) and waits for them to be stored. */
  async stop(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort('SHUTDOWN' satisfies StopReason);
    await Promise.all(all.map((r) => r.done));
  }

  private async run(messageId: string, request: CoachRequest, controller: AbortController, log: Logger): Promise<void> {
    const { signal } = controller;
    const stopWith = (reason: StopReason) => () => controller.abort(reason);
    const firstTokenTimer = setTimeout(stopWith('FIRST_TOKEN_TIMEOUT'), this.options.firstTokenTimeoutMs);
    const totalTimer = setTimeout(stopWith('TIMEOUT'), this.options.timeoutMs);
    let stored = '';
    let pending = '';
    let seq = -1;
    let lost = false;
    let usage: { tokensIn: number; tokensOut: number; estimated?: boolean } | null = null;
    let flushTimer: NodeJS.Timeout | null = null;
    let lastFlushAt = 0;
    let chain = Promise.resolve();
    let checkpointedAt = Date.now();
    let checkpointing = Promise.resolve();
    let checkpointBusy = false;

    const opened = this.state.open(messageId).then(
      () => true,
      (err: unknown) => {
        log.error({ err, messageId }, 'coach stream state could not be opened');
        controller.abort('STORE_FAILED' satisfies StopReason);
        return false;
      },
    );
    // One checkpoint in flight at most; a failed one is only logged (the next one, or the end, writes it all).
    const checkpoint = () => {
      if (checkpointBusy || Date.now() - checkpointedAt < this.options.checkpointMs) return;
      checkpointBusy = true;
      checkpointedAt = Date.now();
      checkpointing = this.db
        .query<{ seq: number }>(RETURNING_SEQ(`UPDATE coach_messages SET content = $2, seq = $3 WHERE id = $1 AND status = 'STREAMING'`), [
          messageId,
          stored,
          seq,
        ])
        .then(
          (rows) => {
            // Ended without the live state (an instance without REDIS_URL on the same database): stop here.
            if (rows.length === 0) {
              lost = true;
              controller.abort('LOST' satisfies StopReason);
            }
          },
          (err: unknown) => log.warn({ err, messageId }, 'coach checkpoint could not be stored'),
        )
        .finally(() => (checkpointBusy = false));
    };
    const flush = async () => {
      if (!pending || lost || signal.aborted || !(await opened)) return;
      const delta = pending;
      pending = '';
      let appended: AppendResult;
      try {
        appended = await this.state.append(messageId, delta);
      } catch (err) {
        log.error({ err, messageId }, 'coach chunk could not be stored');
        appended = 'MISSING';
      }
      if (appended === 'ENDED') {
        // Cancelled from another instance, which published the final chunk.
        lost = true;
        controller.abort('LOST' satisfies StopReason);
        return;
      }
      if (appended === 'MISSING') {
        pending = delta + pending;
        controller.abort('STORE_FAILED' satisfies StopReason);
        return;
      }
      seq = appended;
      stored += delta;
      await this.publish({ messageId, seq, delta, done: false, status: 'STREAMING' }, log);
      checkpoint();
    };
    const flushNow = () => {
      lastFlushAt = Date.now();
      chain = chain.then(flush);
    };
    // The first token after a quiet spell goes out at once; tokens that follow within flushMs wait for one chunk.
    const schedule = () => {
      if (flushTimer) return;
      const wait = lastFlushAt + this.options.flushMs - Date.now();
      if (wait <= 0) return flushNow();
      flushTimer = setTimeout(() => {
        flushTimer = null;
        flushNow();
      }, wait);
    };

    let status: FinalStatus = 'COMPLETE';
    let error: string | null = null;
    try {
      for await (const event of this.provider.stream(request, signal)) {
        if (event.type === 'usage') {
          usage = event;
          continue;
        }
        clearTimeout(firstTokenTimer);
        pending += event.text;
        schedule();
      }
      signal.throwIfAborted();
    } catch (err) {
      ({ status, error } = this.failure(err, signal));
      if (!signal.aborted && !(err instanceof ProviderError)) log.error({ err, messageId }, 'coach provider failed');
    } finally {
      clearTimeout(firstTokenTimer);
      clearTimeout(totalTimer);
      if (flushTimer) clearTimeout(flushTimer);
    }
    await chain;
    await checkpointing;
    if (lost) return;

    const finishedAt = this.clock.now();
    const local = { seq, content: stored };
    let final: { seq: number; content: string };
    try {
      const ended = await this.state.end(messageId, pending, { status, error, finishedAt }, local);
      if (!ended.endedHere) return;
      final = ended.snapshot;
    } catch (err) {
      // Without the live state the stored row is all there is: end it from what this relay knows.
      log.error({ err, messageId }, 'coach stream state could not be ended');
      final = { seq: seq + 1, content: stored + pending };
    }
    const content = final.content;
    const tokens = usage ?? {
      tokensIn: request.prompt.reduce((sum, t) => sum + estimateTokens(t.content), 0),
      tokensOut: estimateTokens(content),
    };
    const rows = await this.db.query<{ seq: number }>(
      RETURNING_SEQ(
        `UPDATE coach_messages SET status = $2, content = $3, seq = $4, tokens_in = $5, tokens_out = $6,
                tokens_estimated = $7, error = $8, finished_at = $9
          WHERE id = $1 AND status = 'STREAMING'`,
      ),
      [
        messageId,
        status,
        content,
        final.seq,
        tokens.tokensIn,
        tokens.tokensOut,
        usage === null || usage.estimated === true,
        error,
        finishedAt,
      ],
    );
    if (rows.length === 0) return;
    await this.publish({ messageId, seq: final.seq, delta: pending, done: true, content, status, ...(error ? { error } : {}) }, log);
  }

  private failure(err: unknown, signal: AbortSignal): { status: FinalStatus; error: string | null } {
    const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
    if (signal.aborted) {
      const reason = signal.reason as StopReason;
      const messages: Record<StopReason, string | null> = {
        CANCELLED: null,
        FIRST_TOKEN_TIMEOUT: `The coach did not start answering within ${seconds(this.options.firstTokenTimeoutMs)}.`,
        TIMEOUT: `The coach took longer than ${seconds(this.options.timeoutMs)} and was stopped.`,
        SHUTDOWN: 'The server stopped while the coach was answering.',
        LOST: null,
        STORE_FAILED: 'The reply could not be saved.',
      };
      return reason === 'CANCELLED'
        ? { status: 'CANCELLED', error: null }
        : { status: 'FAILED', error: messages[reason] ?? 'The coach was stopped.' };
    }
    if (err instanceof ProviderError) return { status: 'FAILED', error: err.message };
    return { status: 'FAILED', error: 'The coach failed unexpectedly.' };
  }

  private async publish(chunk: CoachChunkMessage, log: Logger): Promise<void> {
    try {
      await this.bus.publish('coachStream', chunk.messageId, chunk);
    } catch (err) {
      // The stored text stays right; a subscriber that reconnects reads it.
      log.warn({ err, messageId: chunk.messageId }, 'coach chunk could not be published');
    }
  }
}
