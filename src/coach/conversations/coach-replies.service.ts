import type { CoachConfig } from '../../config';
import { badInput, forbidden } from '../../errors/domain-errors';
import type { Scope } from '../../lib/scope';
import type { AccessService } from '../../services/access.service';
import { fitPrompt, systemPrompt } from '../providers/prompt.rules';
import type { CoachBrief } from '../providers/provider';
import type { CoachRateLimiter } from '../rate-limit';
import type { RoadmapService } from '../roadmaps/roadmap.service';
import type { CoachRelay } from '../stream/coach-relay';
import type { LiveReplies } from '../stream/live-replies';
import type { ReplyEnding } from '../stream/reply-ending';
import type { CoachMessageView } from './coach.views';
import type { CoachFactsService } from './coach-facts.service';
import type { ConversationPick, ConversationStore } from './conversation.store';

/** Where a reply goes and what it is about. */
interface ReplyTarget {
  field: string;
  question: string;
  /** The conversation it continues; none starts a new CHAT conversation. */
  conversation?: ConversationPick;
  brief: (question: string) => Promise<CoachBrief>;
}

/**
 * Starts and stops the coach's replies: a question is stored with a STREAMING reply, which the relay
 * then streams in the background; a cancel stops it, here or on the instance that streams it.
 */
export class CoachReplyService {
  constructor(
    private readonly store: ConversationStore,
    private readonly relay: CoachRelay,
    private readonly live: LiveReplies,
    private readonly ending: ReplyEnding,
    private readonly access: AccessService,
    private readonly facts: CoachFactsService,
    private readonly roadmaps: RoadmapService,
    private readonly limiter: CoachRateLimiter,
    private readonly config: CoachConfig,
  ) {}

  /** Asks the coach about your game; returns the reply at once, STREAMING (follow it with coachStream). */
  ask(scope: Scope, input: { message: string; conversationId?: string | null }): Promise<CoachMessageView> {
    const userId = scope.session.requireUserId();
    const conversationId = input.conversationId;
    return this.reply(scope, {
      field: 'input.message',
      question: input.message,
      conversation: conversationId ? (tx, owner) => this.store.own(tx, owner, conversationId, 'CHAT') : undefined,
      brief: async (question) => ({ kind: 'advice', player: await this.facts.player(userId, scope.clock.now()), question }),
    });
  }

  /** Asks about a roadmap, one of its weeks, or one day of a week; streamed like askCoach. */
  async askRoadmap(
    scope: Scope,
    input: { roadmapId: string; week?: number | null; day?: number | null; question: string },
  ): Promise<CoachMessageView> {
    const section = await this.roadmaps.section(scope, input.roadmapId, input.week ?? undefined, input.day ?? undefined);
    return this.reply(scope, {
      field: 'input.question',
      question: input.question,
      conversation: (tx, owner) => this.store.keyed(tx, owner, 'ROADMAP', { roadmapId: input.roadmapId }, scope.clock.now()),
      brief: async (question) => ({ kind: 'roadmap', section, question }),
    });
  }

  /** A mentor's question about one mentee (an active mentee, or yourself), answered from the mentee's data. */
  async askMentor(scope: Scope, input: { menteeId: string; question: string }): Promise<CoachMessageView> {
    const viewerId = scope.session.requireUserId();
    if (!(await this.access.canRead(viewerId, input.menteeId))) throw forbidden();
    return this.reply(scope, {
      field: 'input.question',
      question: input.question,
      conversation: (tx, owner) => this.store.keyed(tx, owner, 'MENTOR', { subjectUserId: input.menteeId }, scope.clock.now()),
      brief: async (question) => ({ kind: 'mentor', mentee: await this.facts.mentee(input.menteeId, scope.clock.now()), question }),
    });
  }

  /** Stops a streaming reply of yours: the provider request is aborted, the text so far is kept, the reply ends CANCELLED. */
  async cancel(scope: Scope, messageId: string): Promise<CoachMessageView> {
    const viewerId = scope.session.requireUserId();
    const message = await this.store.findMessage(messageId);
    if (!message || message.userId !== viewerId) throw forbidden();
    if (message.status === 'STREAMING' && !(await this.relay.cancel(messageId))) {
      // The reply streams on another instance (or its instance died): end it here; that relay stops at its next write.
      await this.ending.endElsewhere(messageId, { status: 'CANCELLED', error: null, now: scope.clock.now(), log: scope.log });
    }
    return (await this.live.current(messageId)) as CoachMessageView;
  }

  private async reply(scope: Scope, target: ReplyTarget): Promise<CoachMessageView> {
    const userId = scope.session.requireUserId();
    const question = target.question.trim();
    if (question.length === 0) throw badInput(target.field, 'Write a message for the coach.');
    if (question.length > this.config.maxMessageChars) {
      throw badInput(target.field, `A message may be at most ${this.config.maxMessageChars} characters (got ${question.length}).`);
    }
    await this.limiter.consume(userId);
    const brief = await target.brief(question);
    const provider = this.relay.providerName;
    const now = scope.clock.now();
    const { assistant, history } = target.conversation
      ? await this.store.continueIn(target.conversation, userId, question, provider, now)
      : await this.store.startChat(userId, question, provider, now);
    const prompt = fitPrompt(systemPrompt(brief), history, question, this.config.contextTokens);
    this.relay.start(assistant.id, { brief, prompt }, scope.log.child({ coachMessageId: assistant.id }));
    return assistant;
  }
}
