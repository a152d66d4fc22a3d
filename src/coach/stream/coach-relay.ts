import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { EventBus } from '../../subscriptions/event-bus';
import type { CoachChunkMessage } from '../../subscriptions/topics';
import type { ConversationStore } from '../conversations/conversation.store';
import { type CoachProvider, type CoachRequest, ProviderError } from '../providers/provider';
import { estimateTokens, promptTokens } from '../providers/tokens';
import { RelayedReply, type StopReason } from './relayed-reply';
import type { ReplyEnding } from './reply-ending';
import type { StreamStateStore } from './stream-state';

export interface RelayOptions {
  firstTokenTimeoutMs: number;
  timeoutMs: number;
  /** Tokens are coalesced into one chunk at most this often. */
  flushMs: number;
  /** The text so far is written to PostgreSQL at most this often while streaming (and at the end). */
  checkpointMs: number;
}

export type FinalStatus = 'COMPLETE' | 'FAILED' | 'CANCELLED';

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

type Usage = { tokensIn: number; tokensOut: number; estimated?: boolean };

/** How the provider's stream went. */
interface Streamed {
  status: FinalStatus;
  error: string | null;
  usage: Usage | null;
}

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
    private readonly store: ConversationStore,
    private readonly ending: ReplyEnding,
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
    const reply = new RelayedReply(messageId, {
      state: this.state,
      store: this.store,
      publish: (chunk) => this.publish(chunk, log),
      controller,
      log,
      flushMs: this.options.flushMs,
      checkpointMs: this.options.checkpointMs,
    });
    const streamed = await this.stream(messageId, request, reply, controller, log);
    await reply.settle();
    if (!reply.lost) await this.finish(messageId, request, reply, streamed, log);
  }

  /** Feeds the provider's tokens to the reply until the stream ends, fails, or is stopped by a timer or a cancel. */
  private async stream(
    messageId: string,
    request: CoachRequest,
    reply: RelayedReply,
    controller: AbortController,
    log: Logger,
  ): Promise<Streamed> {
    const { signal } = controller;
    const stopWith = (reason: StopReason) => () => controller.abort(reason);
    const firstTokenTimer = setTimeout(stopWith('FIRST_TOKEN_TIMEOUT'), this.options.firstTokenTimeoutMs);
    const totalTimer = setTimeout(stopWith('TIMEOUT'), this.options.timeoutMs);
    let usage: Usage | null = null;
    try {
      for await (const event of this.provider.stream(request, signal)) {
        if (event.type === 'usage') {
          usage = event;
          continue;
        }
        clearTimeout(firstTokenTimer);
        reply.add(event.text);
      }
      signal.throwIfAborted();
      return { status: 'COMPLETE', error: null, usage };
    } catch (err) {
      if (!signal.aborted && !(err instanceof ProviderError)) log.error({ err, messageId }, 'coach provider failed');
      return { ...this.failure(err, signal), usage };
    } finally {
      clearTimeout(firstTokenTimer);
      clearTimeout(totalTimer);
    }
  }

  /** Ends the live state with the text still pending, then stores the outcome and sends the final chunk. */
  private async finish(messageId: string, request: CoachRequest, reply: RelayedReply, streamed: Streamed, log: Logger): Promise<void> {
    const { status, error, usage } = streamed;
    const finishedAt = this.clock.now();
    let final: { seq: number; content: string };
    try {
      const ended = await this.state.end(
        messageId,
        reply.pending,
        { status, error, finishedAt },
        { seq: reply.seq, content: reply.stored },
      );
      if (!ended.endedHere) return;
      final = ended.snapshot;
    } catch (err) {
      // Without the live state the stored row is all there is: end it from what this relay knows.
      log.error({ err, messageId }, 'coach stream state could not be ended');
      final = { seq: reply.seq + 1, content: reply.stored + reply.pending };
    }
    const tokens = usage ?? { tokensIn: promptTokens(request.prompt), tokensOut: estimateTokens(final.content) };
    const end = {
      status,
      error,
      finishedAt,
      content: final.content,
      seq: final.seq,
      tokensIn: tokens.tokensIn,
      tokensOut: tokens.tokensOut,
      tokensEstimated: usage === null || usage.estimated === true,
    };
    await this.ending.record(messageId, end, reply.pending, log);
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
