import type { Tx } from '../../db/data-source';
import type { Database } from '../../db/database';
import { badInput, forbidden } from '../../errors/domain-errors';
import { isUuid } from '../../lib/ids';
import type { ChatTurn } from '../providers/provider';
import { estimateTokens } from '../providers/tokens';
import type { CoachConversationView, CoachMessageView, CoachMessageWithSubject, ConversationKind, StoredEnd } from './coach.views';

const MESSAGE_COLUMNS = `id, conversation_id AS "conversationId", user_id AS "userId", role, content, status, provider, seq,
  tokens_in AS "tokensIn", tokens_out AS "tokensOut", tokens_estimated AS "tokensEstimated", error,
  created_at AS "createdAt", finished_at AS "finishedAt"`;
const CONVERSATION_COLUMNS = `id, user_id AS "userId", kind, subject_user_id AS "subjectUserId", roadmap_id AS "roadmapId", created_at AS "createdAt"`;
/** How many earlier messages are read before the token budget trims them. */
const HISTORY_LIMIT = 60;

/** Finds (or creates) the conversation a question goes to, inside the transaction that stores it. */
export type ConversationPick = (tx: Tx, userId: string) => Promise<string>;

/** A question and the STREAMING reply stored for it, with the turns before them (for the prompt). */
export interface StoredQuestion {
  assistant: CoachMessageView;
  history: ChatTurn[];
}

/**
 * The coach's conversations and their messages: the only module that reads or writes
 * `coach_conversations` and `coach_messages`.
 */
export class ConversationStore {
  constructor(private readonly db: Database) {}

  /** A new CHAT conversation with the question and a STREAMING reply, in one statement (no history to read). */
  async startChat(userId: string, question: string, provider: string, now: Date): Promise<StoredQuestion> {
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
    return { assistant: normalise(rows.find((row) => row.role === 'assistant') as CoachMessageView), history: [] };
  }

  /** Adds the question and a STREAMING reply to a conversation, reading its earlier turns for the prompt. */
  continueIn(pick: ConversationPick, userId: string, question: string, provider: string, now: Date): Promise<StoredQuestion> {
    return this.db.transaction(async (tx) => {
      const conversationId = await pick(tx, userId);
      const history: ChatTurn[] = (
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
      return { assistant: normalise(row), history };
    });
  }

  /** A finished message written whole (onboarding's questions and answers); a reply's tokens are estimated. */
  async addFinished(
    tx: Tx,
    message: { conversationId: string; userId: string; role: 'user' | 'assistant'; content: string; provider: string; at: Date },
  ): Promise<void> {
    const tokensOut = message.role === 'assistant' ? estimateTokens(message.content) : 0;
    await tx.query(
      `INSERT INTO coach_messages (conversation_id, user_id, role, content, status, provider, tokens_out, created_at, finished_at)
       VALUES ($1, $2, $3, $4, 'COMPLETE', $5, $6, $7, $7)`,
      [message.conversationId, message.userId, message.role, message.content, message.provider, tokensOut, message.at],
    );
  }

  /** Stores the text so far of a STREAMING reply; false when it is no longer streaming (ended elsewhere). */
  async checkpoint(messageId: string, content: string, seq: number): Promise<boolean> {
    const rows = await this.db.query<{ seq: number }>(
      `WITH changed AS (UPDATE coach_messages SET content = $2, seq = $3 WHERE id = $1 AND status = 'STREAMING' RETURNING seq)
       SELECT seq FROM changed`,
      [messageId, content, seq],
    );
    return rows.length > 0;
  }

  /** Stores how a STREAMING reply ended (the one end-of-stream write); false when it had ended already. */
  async finish(messageId: string, end: StoredEnd): Promise<boolean> {
    const rows = await this.db.query<{ seq: number }>(
      `WITH changed AS (
         UPDATE coach_messages SET status = $2, content = $3, seq = $4, error = $5, finished_at = $6, tokens_out = $7,
                tokens_in = coalesce($8::int, tokens_in), tokens_estimated = coalesce($9::boolean, tokens_estimated)
          WHERE id = $1 AND status = 'STREAMING' RETURNING seq)
       SELECT seq FROM changed`,
      [
        messageId,
        end.status,
        end.content,
        end.seq,
        end.error,
        end.finishedAt,
        end.tokensOut,
        end.tokensIn ?? null,
        end.tokensEstimated ?? null,
      ],
    );
    return rows.length > 0;
  }

  /** One message (with the subject of its conversation when asked, for the access rule). */
  async findMessage(messageId: string, options: { withSubject?: boolean } = {}): Promise<CoachMessageWithSubject | null> {
    if (!isUuid(messageId)) return null;
    const subject = options.withSubject
      ? `, (SELECT subject_user_id FROM coach_conversations c WHERE c.id = coach_messages.conversation_id) AS "subjectUserId"`
      : '';
    const rows = await this.db.query<CoachMessageView>(`SELECT ${MESSAGE_COLUMNS}${subject} FROM coach_messages WHERE id = $1`, [
      messageId,
    ]);
    return rows[0] ? normalise(rows[0]) : null;
  }

  /** A conversation without its messages. */
  async findConversation(conversationId: string): Promise<Omit<CoachConversationView, 'messages'> | null> {
    if (!isUuid(conversationId)) return null;
    const rows = await this.db.query<Omit<CoachConversationView, 'messages'>>(
      `SELECT ${CONVERSATION_COLUMNS} FROM coach_conversations WHERE id = $1`,
      [conversationId],
    );
    return rows[0] ?? null;
  }

  /** The messages of a conversation, oldest first. */
  async messagesOf(conversationId: string): Promise<CoachMessageView[]> {
    const rows = await this.db.query<CoachMessageView>(
      `SELECT ${MESSAGE_COLUMNS} FROM coach_messages WHERE conversation_id = $1 ORDER BY ord`,
      [conversationId],
    );
    return rows.map(normalise);
  }

  /** `conversationId` when it is a conversation of `userId` of this kind. */
  async own(tx: Tx, userId: string, conversationId: string, kind: ConversationKind): Promise<string> {
    const rows: { user_id: string; kind: string }[] = isUuid(conversationId)
      ? await tx.query('SELECT user_id, kind FROM coach_conversations WHERE id = $1', [conversationId])
      : [];
    // Someone else's conversation and one that does not exist get the same answer (no existence oracle).
    if (!rows[0] || rows[0].user_id !== userId) throw forbidden();
    if (rows[0].kind !== kind) throw badInput('input.conversationId', `This conversation is not a ${kind.toLowerCase()} conversation.`);
    return conversationId;
  }

  /** Starts a conversation of `userId`. */
  async create(tx: Tx, userId: string, kind: ConversationKind, now: Date): Promise<string> {
    const [row] = await tx.query<{ id: string }[]>(
      'INSERT INTO coach_conversations (user_id, kind, created_at) VALUES ($1, $2, $3) RETURNING id',
      [userId, kind, now],
    );
    return row.id;
  }

  /** The conversation about one roadmap or one mentee, created on first use. */
  async keyed(
    tx: Tx,
    userId: string,
    kind: 'ROADMAP' | 'MENTOR',
    key: { roadmapId?: string; subjectUserId?: string },
    now: Date,
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
      [userId, kind, value, now],
    );
    return row.id;
  }
}

function normalise<T extends CoachMessageView>(row: T): T {
  return { ...row, createdAt: new Date(row.createdAt), finishedAt: row.finishedAt ? new Date(row.finishedAt) : null };
}
