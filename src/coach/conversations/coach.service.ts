import type { CoachConfig } from '../../config';
import type { Context } from '../../context';
import type { Tx } from '../../db/data-source';
import type { Database } from '../../db/database';
import { badInput, forbidden } from '../../errors/domain-errors';
import { AsyncQueue } from '../../lib/async-queue';
import { isUuid } from '../../lib/ids';
import type { AccessService } from '../../services/access.service';
import type { EventBus } from '../../subscriptions/event-bus';
import type { CoachChunkMessage } from '../../subscriptions/topics';
import { fitPrompt, systemPrompt } from '../providers/prompt.rules';
import type { ChatTurn, CoachBrief } from '../providers/provider';
import type { CoachRateLimiter } from '../rate-limit';
import type { RoadmapService } from '../roadmaps/roadmap.service';
import type { CoachRelay } from '../stream/coach-relay';
import type { StreamSnapshot, StreamStateStore } from '../stream/stream-state';
import type { CoachFactsService } from './coach-facts.service';

export type CoachStatus = 'STREAMING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';
export type ConversationKind = 'CHAT' | 'ONBOARDING' | 'ROADMAP' | 'MENTOR';

export interface CoachMessageView {
  id: string;
  conversationId: string;
  userId: string;
  role: 'user' | 'assistant';
  content: string;
  status: CoachStatus;
  provider: string;
  seq: number;
  tokensIn: number;
  tokensOut: number;
  tokensEstimated: boolean;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface CoachConversationView {
  id: string;
  userId: string;
  kind: ConversationKind;
  subjectUserId: string | null;
  roadmapId: string | null;
  createdAt: Date;
  messages: CoachMessageView[];
}

const MESSAGE_COLUMNS = `id, conversation_id AS "conversationId", user_id AS "userId", role, content, status, provider, seq,
  tokens_in AS "tokensIn", tokens_out AS "tokensOut", tokens_estimated AS "tokensEstimated", error,
  created_at AS "createdAt", finished_at AS "finishedAt"`;
const CONVERSATION_COLUMNS = `id, user_id AS "userId", kind, subject_user_id AS "subjectUserId", roadmap_id AS "roadmapId", created_at AS "createdAt"`;
/** How many earlier messages are read before the token budget trims them. */
const HISTORY_LIMIT = 60;
/** A subscriber waits this long past the relay's own timeout before it calls a silent stream dead. */
const STALE_GRACE_MS = 5_000;
const IDLE = Symbol('idle');

/** Where a reply goes and what it is about. */
interface ReplyTarget {
  field: string;
  question: string;
  /** The conversation it continues; none starts a new CHAT conversation. */
  conversation?: (tx: Tx, userId: string) => Promise<string>;
  brief: (question: string) => Promise<CoachBrief>;
}

/**
 * The coach's conversations: asking (stores the question and a STREAMING reply, then streams it in the
 * background through the relay), cancelling, reading, and following a reply live.
 */
export class CoachService {
  constructor(
    private readonly db: Database,
    private readonly bus: EventBus,
    private readonly streams: StreamStateStore,
    private readonly access: AccessService,
    private readonly relay: CoachRelay,
    private readonly facts: CoachFactsService,
    private readonly roadmaps: RoadmapService,
    private readonly limiter: CoachRateLimiter,
    private readonly config: CoachConfig,
  ) {}

  /** Asks the coach about your game; returns the reply at once, STREAMING (follow it with coachStream). */
  ask(ctx: Context, input: { message: string; conversationId?: string | null }): Promise<CoachMessageView> {
    const userId = ctx.session.requireUserId();
    return this.reply(ctx, {
      field: 'input.message',
      question: input.message,
      conversation: input.conversationId
        ? (tx, owner) => this.ownConversation(tx, owner, input.conversationId as string, 'CHAT')
        : undefined,
      brief: async (question) => ({ kind: 'advice', player: await this.facts.player(userId, ctx.clock.now()), question }),
    });
  }

  /** Asks about a roadmap, one of its weeks, or one day of a week; streamed like askCoach. */
  async askRoadmap(
    ctx: Context,
    input: { roadmapId: string; week?: number | null; day?: number | null; question: string },
  ): Promise<CoachMessageView> {
    const section = await this.roadmaps.section(ctx, input.roadmapId, input.week ?? undefined, input.day ?? undefined);
    return this.reply(ctx, {
      field: 'input.question',
      question: input.question,
      conversation: (tx, owner) => this.keyedConversation(tx, ctx, owner, 'ROADMAP', { roadmapId: input.roadmapId }),
      brief: async (question) => ({ kind: 'roadmap', section, question }),
    });
  }

  /** A mentor's question about one mentee (an active mentee, or yourself), answered from the mentee's data. */
  async askMentor(ctx: Context, input: { menteeId: string; question: string }): Promise<CoachMessageView> {
    const viewerId = ctx.session.requireUserId();
    if (!(await this.access.canRead(viewerId, input.menteeId))) throw forbidden();
    return this.reply(ctx, {
      field: 'input.question',
      question: input.question,
      conversation: (tx, owner) => this.keyedConversation(tx, ctx, owner, 'MENTOR', { subjectUserId: input.menteeId }),
      brief: async (question) => ({ kind: 'mentor', mentee: await this.facts.mentee(input.menteeId, ctx.clock.now()), question }),
    });
  }

  /** Stops a streaming reply of yours: the provider request is aborted, the text so far is kept, the reply ends CANCELLED. */
  async cancel(ctx: Context, messageId: string): Promise<CoachMessageView> {
    const viewerId = ctx.session.requireUserId();
    const message = await this.findMessage(messageId);
    if (!message || message.userId !== viewerId) throw forbidden();
    if (message.status === 'STREAMING' && !(await this.relay.cancel(messageId))) {
      // The reply streams on another instance (or its instance died): end it here; that relay stops at its next write.
      await this.endStream(messageId, 'CANCELLED', null, ctx);
    }
    return (await this.current(messageId)) as CoachMessageView;
  }

  /** A conversation with its messages (oldest first): for its owner, or read-only for an active mentor of the owner. */
  async conversation(ctx: Context, conversationId: string): Promise<CoachConversationView> {
    const viewerId = ctx.session.requireUserId();
    const rows = isUuid(conversationId)
      ? await this.db.query<Omit<CoachConversationView, 'messages'>>(
          `SELECT ${CONVERSATION_COLUMNS} FROM coach_conversations WHERE id = $1`,
          [conversationId],
        )
      : [];
    const conversation = rows[0];
    if (!conversation || !(await this.mayRead(viewerId, conversation))) throw forbidden();
    const messages = await this.db.query<CoachMessageView>(
      `SELECT ${MESSAGE_COLUMNS} FROM coach_messages WHERE conversation_id = $1 ORDER BY ord`,
      [conversationId],
    );
    return { ...conversation, messages: await Promise.all(messages.map((m) => this.withLiveState(normalise(m)))) };
  }

  /** One message, for whoever may read its conversation. */
  async message(ctx: Context, messageId: string): Promise<CoachMessageView> {
    const viewerId = ctx.session.requireUserId();
    const found = await this.findMessage(messageId, { withSubject: true });
    if (!found || !(await this.mayRead(viewerId, found))) throw forbidden();
    return this.withLiveState(found);
  }

  /**
   * Follows a reply: subscribes to the bus first, then reads the reply (its live state while it streams).
   * A finished reply comes as one final chunk; a streaming one as the text so far, then the live chunks
   * after it (deduplicated by seq).
   */
  async stream(ctx: Context, messageId: string): Promise<AsyncIterableIterator<CoachChunkMessage>> {
    const viewerId = ctx.session.requireUserId();
    const owner = await this.findMessage(messageId, { withSubject: true });
    if (!owner || !(await this.mayRead(viewerId, owner))) throw forbidden();
    const queue = new AsyncQueue<CoachChunkMessage>();
    const unlisten = await this.bus.listen('coachStream', messageId, (chunk) => queue.push(chunk));
    const chunks = this.follow(owner, queue, ctx);
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

  private async *follow(owner: CoachMessageView, queue: AsyncQueue<CoachChunkMessage>, ctx: Context): AsyncGenerator<CoachChunkMessage> {
    const messageId = owner.id;
    // The row read before subscribing serves when it was finished already (a finished reply never changes).
    let stored = owner.status === 'STREAMING' ? await this.withLiveState(owner, { readBeforeSubscribing: true }) : owner;
    let sent = 0;
    let last = -1;
    const catchUp = (): CoachChunkMessage | null => {
      // A checkpoint older than what was sent (no live state to read) adds nothing.
      if (stored.status === 'STREAMING' && stored.seq <= last) return null;
      const delta = stored.content.slice(sent);
      sent = stored.content.length;
      last = stored.seq;
      if (stored.status !== 'STREAMING') return finalChunk(stored, delta);
      return delta ? { messageId, seq: stored.seq, delta, done: false, status: 'STREAMING' } : null;
    };
    const first = catchUp();
    if (first) yield first;
    if (stored.status !== 'STREAMING') return;

    let waiting: Promise<IteratorResult<CoachChunkMessage>> | null = null;
    const idleMs = this.config.timeoutMs + STALE_GRACE_MS;
    for (;;) {
      waiting ??= queue.next();
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([waiting, new Promise<typeof IDLE>((resolve) => (timer = setTimeout(() => resolve(IDLE), idleMs)))]);
      clearTimeout(timer);
      if (next !== IDLE) waiting = null;
      if (next !== IDLE && next.done) return;
      const chunk = next === IDLE ? null : next.value;
      if (chunk && chunk.seq <= last) continue;
      if (chunk && chunk.seq === last + 1) {
        last = chunk.seq;
        sent += chunk.delta.length;
        yield chunk;
        if (chunk.done) return;
        continue;
      }
      // A gap (a chunk lost in transit) or a silent stream: the live state (or the stored row) has the truth.
      const row = (await this.findMessage(messageId)) as CoachMessageView;
      stored = await this.withLiveState(row);
      if (next === IDLE && row.status === 'STREAMING' && (stored.seq <= last || stored.status !== 'STREAMING')) {
        // Silent past the relay's own timeout: its instance is gone. End the reply, or store the end it did not get to.
        await this.endStream(messageId, 'FAILED', 'The coach stopped responding.', ctx, { stale: true });
        stored = (await this.current(messageId)) as CoachMessageView;
      }
      const caught = catchUp();
      if (caught) yield caught;
      if (stored.status !== 'STREAMING') return;
    }
  }

  private async reply(ctx: Context, target: ReplyTarget): Promise<CoachMessageView> {
    const userId = ctx.session.requireUserId();
    const question = target.question.trim();
    if (question.length === 0) throw badInput(target.field, 'Write a message for the coach.');
    if (question.length > this.config.maxMessageChars) {
      throw badInput(target.field, `A message may be at most ${this.config.maxMessageChars} characters (got ${question.length}).`);
    }
    await this.limiter.consume(userId);
    const brief = await target.brief(question);
    const provider = this.relay.providerName;
    const now = ctx.clock.now();
    const conversation = target.conversation;
    const { assistant, history } = conversation
      ? await this.continueConversation(conversation, userId, question, provider, now)
      : { assistant: await this.startConversation(userId, question, provider, now), history: [] };
    const prompt = fitPrompt(systemPrompt(brief), history, question, this.config.contextTokens);
    this.relay.start(assistant.id, { brief, prompt }, ctx.log.child({ coachMessageId: assistant.id }));
    return assistant;
  }

  /** A new CHAT conversation with the question and a STREAMING reply, in one statement (no history to read). */
  private async startConversation(userId: string, question: string, provider: string, now: Date): Promise<CoachMessageView> {
    // Rows are inserted in ORDER BY order, so the question's ord comes before the reply's.
    const rows = await this.db.query<CoachMessageView>(
      `WITH conversation AS (
         INSERT INTO coach_conversations (user_id, kind, created_at) VALUES ($1, 'CHAT', $2) RETURNING id)
       INSERT INTO coach_messages (conversation_id, user_id, role, content, status, provider, tokens_in, created_at, finished_at)
       SELECT conversation.id, $1, m.role, m.content, m.status, $4, 0, $2, m.finished_at
         FROM conversation,
              (VALUES (1, 'user', $3::text, 'COMPLETE', $2::timestamptz), (2, 'assistant', '', 'STREAMING', NULL)) AS m(n, role, content, status, finished_at)
        ORDER BY m.n
       RETURNING ${MESSAGE_COLUMNS}`,
      [userId, now, question, provider],
    );
    return normalise(rows.find((row) => row.role === 'assistant') as CoachMessageView);
  }

  /** Adds the question and a STREAMING reply to a conversation, reading its earlier turns for the prompt. */
  private continueConversation(
    conversation: (tx: Tx, userId: string) => Promise<string>,
    userId: string,
    question: string,
    provider: string,
    now: Date,
  ): Promise<{ assistant: CoachMessageView; history: ChatTurn[] }> {
    return this.db.transaction(async (tx) => {
      const conversationId = await conversation(tx, userId);
      const earlier: ChatTurn[] = (
        await tx.query<{ role: 'user' | 'assistant'; content: string }[]>(
          `SELECT role, content FROM (
             SELECT role, content, ord FROM coach_messages
              WHERE conversation_id = $1 AND status IN ('COMPLETE', 'CANCELLED') AND content <> ''
              ORDER BY ord DESC LIMIT ${HISTORY_LIMIT}) recent
           ORDER BY ord`,
          [conversationId],
        )
      ).map((row) => ({ role: row.role, content: row.content }));
      await tx.query(
        `INSERT INTO coach_messages (conversation_id, user_id, role, content, status, provider, tokens_in, created_at, finished_at)
         VALUES ($1, $2, 'user', $3, 'COMPLETE', $4, 0, $5, $5)`,
        [conversationId, userId, question, provider, now],
      );
      const [row] = await tx.query<CoachMessageView[]>(
        `INSERT INTO coach_messages (conversation_id, user_id, role, content, status, provider, created_at)
         VALUES ($1, $2, 'assistant', '', 'STREAMING', $3, $4) RETURNING ${MESSAGE_COLUMNS}`,
        [conversationId, userId, provider, now],
      );
      return { assistant: normalise(row), history: earlier };
    });
  }

  /**
   * Ends a STREAMING message from outside its relay and tells its subscribers. The live state is ended
   * first (atomically: the relay's next append is refused, so it stops); its final chunk carries the next
   * seq and the whole text. When the relay had ended it itself and `stale` says it has been silent past its
   * timeout since (it died before storing the end), its outcome is stored from the live state.
   */
  private async endStream(
    messageId: string,
    status: 'CANCELLED' | 'FAILED',
    error: string | null,
    ctx: Context,
    options: { stale?: boolean } = {},
  ): Promise<void> {
    const row = await this.findMessage(messageId);
    if (!row || row.status !== 'STREAMING') return;
    const { endedHere, snapshot } = await this.streams.end(
      messageId,
      '',
      { status, error, finishedAt: ctx.clock.now() },
      { seq: row.seq, content: row.content },
    );
    if (!endedHere && !options.stale) return;
    const outcome = snapshot.ended;
    const rows = await this.db.query<{ seq: number }>(
      `WITH changed AS (
         UPDATE coach_messages SET status = $2, error = $3, finished_at = $4, content = $5, seq = $6,
                tokens_out = ceil(length($5) / 4.0)::int
          WHERE id = $1 AND status = 'STREAMING' RETURNING seq)
       SELECT seq FROM changed`,
      [messageId, outcome.status, outcome.error, outcome.finishedAt, snapshot.content, snapshot.seq],
    );
    if (rows.length === 0) return;
    await this.bus
      .publish('coachStream', messageId, {
        messageId,
        seq: snapshot.seq,
        delta: '',
        done: true,
        content: snapshot.content,
        status: outcome.status,
        ...(outcome.error ? { error: outcome.error } : {}),
      })
      .catch((err: unknown) => ctx.log.warn({ err, messageId }, 'coach end chunk could not be published'));
  }

  /** The message as it stands: while it streams, its text and seq come from the live state. */
  private async current(messageId: string): Promise<CoachMessageView | null> {
    const row = await this.findMessage(messageId);
    return row && this.withLiveState(row);
  }

  /**
   * Overlays a STREAMING row with its live state (the row only has the last checkpoint). An ended state
   * whose outcome is not stored yet reads as ended, so a reader never waits for a chunk it already has.
   */
  private async withLiveState(row: CoachMessageView, options: { readBeforeSubscribing?: boolean } = {}): Promise<CoachMessageView> {
    if (row.status !== 'STREAMING') return row;
    // Redis unreachable (its client logs that): the last checkpoint is the best there is, and readers dedupe by seq.
    const live: StreamSnapshot | null = await this.streams.read(row.id).catch(() => null);
    if (!live || live.seq < row.seq) {
      // No live state: the stored row is the truth (read again when the caller's copy predates subscribing).
      return options.readBeforeSubscribing ? ((await this.findMessage(row.id)) ?? row) : row;
    }
    const view = { ...row, content: live.content, seq: live.seq };
    if (!live.ended) return view;
    return {
      ...view,
      status: live.ended.status,
      error: live.ended.error,
      finishedAt: live.ended.finishedAt,
      tokensOut: Math.max(row.tokensOut, Math.ceil(live.content.length / 4)),
    };
  }

  /**
   * A conversation (or a message of it) is data about its owner and, for a mentor's copilot, about the
   * mentee it discusses: the viewer must be allowed to read every one of them (the one access rule).
   */
  private async mayRead(viewerId: string, about: { userId: string; subjectUserId?: string | null }): Promise<boolean> {
    const people = about.subjectUserId ? [about.userId, about.subjectUserId] : [about.userId];
    return (await this.access.readableAmong(viewerId, people)).every(Boolean);
  }

  private async findMessage(
    messageId: string,
    options: { withSubject?: boolean } = {},
  ): Promise<(CoachMessageView & { subjectUserId?: string | null }) | null> {
    if (!isUuid(messageId)) return null;
    const subject = options.withSubject
      ? `, (SELECT subject_user_id FROM coach_conversations c WHERE c.id = coach_messages.conversation_id) AS "subjectUserId"`
      : '';
    const rows = await this.db.query<CoachMessageView>(`SELECT ${MESSAGE_COLUMNS}${subject} FROM coach_messages WHERE id = $1`, [
      messageId,
    ]);
    return rows[0] ? normalise(rows[0]) : null;
  }

  private async ownConversation(tx: Tx, userId: string, conversationId: string, kind: ConversationKind): Promise<string> {
    const rows: { user_id: string; kind: string }[] = isUuid(conversationId)
      ? await tx.query('SELECT user_id, kind FROM coach_conversations WHERE id = $1', [conversationId])
      : [];
    // Someone else's conversation and one that does not exist get the same answer (no existence oracle).
    if (!rows[0] || rows[0].user_id !== userId) throw forbidden();
    if (rows[0].kind !== kind) throw badInput('input.conversationId', `This conversation is not a ${kind.toLowerCase()} conversation.`);
    return conversationId;
  }

  /** Starts a conversation of `userId`. */
  async newConversation(tx: Tx, ctx: Context, userId: string, kind: ConversationKind): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(
      'INSERT INTO coach_conversations (user_id, kind, created_at) VALUES ($1, $2, $3) RETURNING id',
      [userId, kind, ctx.clock.now()],
    );
    return row.id;
  }

  /** The conversation about one roadmap or one mentee, created on first use. */
  private async keyedConversation(
    tx: Tx,
    ctx: Context,
    userId: string,
    kind: 'ROADMAP' | 'MENTOR',
    key: { roadmapId?: string; subjectUserId?: string },
  ): Promise<string> {
    const column = kind === 'ROADMAP' ? 'roadmap_id' : 'subject_user_id';
    const value = key.roadmapId ?? key.subjectUserId;
    const found: { id: string }[] = await tx.query(
      `SELECT id FROM coach_conversations WHERE user_id = $1 AND kind = $2 AND ${column} = $3 ORDER BY created_at LIMIT 1`,
      [userId, kind, value],
    );
    if (found[0]) return found[0].id;
    const [row] = await tx.query<{ id: string }[]>(
      `INSERT INTO coach_conversations (user_id, kind, ${column}, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [userId, kind, value, ctx.clock.now()],
    );
    return row.id;
  }
}

function normalise(row: CoachMessageView): CoachMessageView {
  return { ...row, createdAt: new Date(row.createdAt), finishedAt: row.finishedAt ? new Date(row.finishedAt) : null };
}

function finalChunk(message: CoachMessageView, delta: string): CoachChunkMessage {
  return {
    messageId: message.id,
    seq: message.seq,
    delta,
    done: true,
    content: message.content,
    status: message.status,
    ...(message.error ? { error: message.error } : {}),
  };
}
