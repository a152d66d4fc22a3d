import { forbidden } from '../../errors/domain-errors';
import { AsyncQueue } from '../../lib/async-queue';
import type { Scope } from '../../lib/scope';
import type { AccessService } from '../../services/access.service';
import type { EventBus } from '../../subscriptions/event-bus';
import type { CoachChunkMessage } from '../../subscriptions/topics';
import type { CoachMessageView } from '../conversations/coach.views';
import type { ConversationStore } from '../conversations/conversation.store';
import { mayReadConversation } from '../conversations/conversation-access';
import type { LiveReplies } from './live-replies';
import type { ReplyEnding } from './reply-ending';

/** A subscriber waits this long past the relay's own timeout before it calls a silent stream dead. */
const STALE_GRACE_MS = 5_000;
const IDLE = Symbol('idle');

/** What a follower has sent of one reply, and the reply as last read. */
class FollowedReply {
  sent = 0;
  last = -1;

  constructor(public read: CoachMessageView) {}

  get streaming(): boolean {
    return this.read.status === 'STREAMING';
  }

  /** A live chunk that follows the last one sent. */
  took(chunk: CoachChunkMessage): void {
    this.last = chunk.seq;
    this.sent += chunk.delta.length;
  }

  /** The chunk that brings a subscriber up to the reply as read: the text not sent yet (the whole end once finished). */
  catchUp(): CoachChunkMessage | null {
    const read = this.read;
    // A checkpoint older than what was sent (no live state to read) adds nothing.
    if (this.streaming && read.seq <= this.last) return null;
    const delta = read.content.slice(this.sent);
    this.sent = read.content.length;
    this.last = read.seq;
    if (!this.streaming) {
      return {
        messageId: read.id,
        seq: read.seq,
        delta,
        done: true,
        content: read.content,
        status: read.status,
        ...(read.error ? { error: read.error } : {}),
      };
    }
    return delta ? { messageId: read.id, seq: read.seq, delta, done: false, status: 'STREAMING' } : null;
  }
}

/**
 * Follows a reply for a subscriber of `coachStream`: subscribes to the bus first, then reads the reply
 * (its live state while it streams). A finished reply comes as one final chunk; a streaming one as the
 * text so far, then the live chunks after it (deduplicated by seq). A gap or a silent stream is filled
 * from the live state; a stream silent past the relay's timeout is ended FAILED (its relay died).
 */
export class ReplyFollower {
  constructor(
    private readonly store: ConversationStore,
    private readonly live: LiveReplies,
    private readonly ending: ReplyEnding,
    private readonly bus: EventBus,
    private readonly access: AccessService,
    private readonly relayTimeoutMs: number,
  ) {}

  /** The chunks of a reply, for whoever may read its conversation. */
  async follow(scope: Scope, messageId: string): Promise<AsyncIterableIterator<CoachChunkMessage>> {
    const viewerId = scope.session.requireUserId();
    const owner = await this.store.findMessage(messageId, { withSubject: true });
    if (!owner || !(await mayReadConversation(this.access, viewerId, owner))) throw forbidden();
    const queue = new AsyncQueue<CoachChunkMessage>();
    const unlisten = await this.bus.listen('coachStream', messageId, (chunk) => queue.push(chunk));
    const chunks = this.chunks(owner, queue, scope);
    const leave = () => {
      queue.close();
      unlisten();
    };
    const iterator: AsyncIterableIterator<CoachChunkMessage> = {
      next: async () => {
        const result = await chunks.next();
        if (result.done) leave();
        return result;
      },
      return: async () => {
        leave();
        return chunks.return(undefined);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private async *chunks(owner: CoachMessageView, queue: AsyncQueue<CoachChunkMessage>, scope: Scope): AsyncGenerator<CoachChunkMessage> {
    // The row read before subscribing serves when it was finished already (a finished reply never changes).
    const reply = new FollowedReply(owner.status === 'STREAMING' ? await this.live.overlay(owner, { readBeforeSubscribing: true }) : owner);
    const first = reply.catchUp();
    if (first) yield first;
    if (!reply.streaming) return;
    let waiting: Promise<IteratorResult<CoachChunkMessage>> | null = null;
    for (;;) {
      waiting ??= queue.next();
      const next = await this.nextOrIdle(waiting);
      if (next !== IDLE) waiting = null;
      if (next !== IDLE && next.done) return;
      const chunk = next === IDLE ? null : next.value;
      if (chunk && chunk.seq <= reply.last) continue;
      if (chunk && chunk.seq === reply.last + 1) {
        reply.took(chunk);
        yield chunk;
        if (chunk.done) return;
        continue;
      }
      await this.reread(reply, next === IDLE, scope);
      const caught = reply.catchUp();
      if (caught) yield caught;
      if (!reply.streaming) return;
    }
  }

  /** The next live chunk, or IDLE when none comes within the relay's timeout and a grace. */
  private async nextOrIdle(waiting: Promise<IteratorResult<CoachChunkMessage>>): Promise<IteratorResult<CoachChunkMessage> | typeof IDLE> {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<typeof IDLE>((resolve) => (timer = setTimeout(() => resolve(IDLE), this.relayTimeoutMs + STALE_GRACE_MS)));
    try {
      return await Promise.race([waiting, idle]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A gap (a chunk lost in transit) or a silent stream: the live state (or the stored row) has the truth. */
  private async reread(reply: FollowedReply, idle: boolean, scope: Scope): Promise<void> {
    const messageId = reply.read.id;
    const row = (await this.store.findMessage(messageId)) as CoachMessageView;
    reply.read = await this.live.overlay(row);
    if (idle && row.status === 'STREAMING' && (reply.read.seq <= reply.last || !reply.streaming)) {
      // Silent past the relay's own timeout: its instance is gone. End the reply, or store the end it did not get to.
      const how = {
        status: 'FAILED' as const,
        error: 'The coach stopped responding.',
        now: scope.clock.now(),
        log: scope.log,
        stale: true,
      };
      await this.ending.endElsewhere(messageId, how);
      reply.read = (await this.live.current(messageId)) as CoachMessageView;
    }
  }
}
