import type { CoachConfig } from '../../config';
import type { Database } from '../../db/database';
import { badInput, DomainError, ErrorCode, ruleBroken } from '../../errors/domain-errors';
import type { Scope } from '../../lib/scope';
import { type GameStateService, intentionView } from '../../services/game-state.service';
import type { IntentionView } from '../../services/game-state.views';
import type { IntentionService } from '../../services/intention.service';
import type { ConversationStore } from '../conversations/conversation.store';
import { completeOrOffline } from '../providers/completions';
import type { CoachProvider, OnboardingStep } from '../providers/provider';
import { checkIntention, checkVision, NEXT_STEP, parseGoals } from './onboarding.rules';
import type { OnboardingRow, OnboardingStore } from './onboarding.store';

export interface OnboardingView {
  step: OnboardingStep;
  question: string;
  vision: string | null;
  goals: string[];
  intention: IntentionView | null;
  conversationId: string;
  startedAt: Date;
  completedAt: Date | null;
}

/** The answers after one step: the vision, the goals, and the intention once set. */
interface Answers {
  vision: string | null;
  goals: string[];
  intentionId: string | null;
  intentionText: string | null;
}

/**
 * Conversational onboarding, a state machine stored per user (so it resumes after a disconnect):
 * VISION → GOALS (up to MAX_GOALS) → INTENTION (today's, created through IntentionService) → DONE.
 * Each answer is stored and the coach asks the next question.
 */
export class OnboardingService {
  constructor(
    private readonly db: Database,
    private readonly states: OnboardingStore,
    private readonly conversations: ConversationStore,
    private readonly intentions: IntentionService,
    private readonly gameState: GameStateService,
    private readonly provider: CoachProvider,
    private readonly config: CoachConfig,
  ) {}

  /** Your onboarding, or null before it started. */
  async state(scope: Scope): Promise<OnboardingView | null> {
    const userId = scope.session.requireUserId();
    const row = await this.states.load(userId);
    return row ? this.view(scope, userId, row) : null;
  }

  /** Starts onboarding, or returns where it stands (resumable). */
  async start(scope: Scope): Promise<OnboardingView> {
    const userId = scope.session.requireUserId();
    const existing = await this.states.load(userId);
    if (existing) return this.view(scope, userId, existing);
    const question = await this.question(scope, 'VISION', { vision: null, goals: [], intentionId: null, intentionText: null });
    const now = scope.clock.now();
    await this.db.transaction(async (tx) => {
      const conversationId = await this.conversations.create(tx, userId, 'ONBOARDING', now);
      if (!(await this.states.start(tx, userId, conversationId, question, now))) return;
      const message = { conversationId, userId, role: 'assistant' as const, content: question, provider: this.provider.name, at: now };
      await this.conversations.addFinished(tx, message);
    });
    return this.view(scope, userId, (await this.states.load(userId)) as OnboardingRow);
  }

  /** Answers the current question: stores the answer, moves one step, and returns the coach's next question. */
  async answer(scope: Scope, answer: string): Promise<OnboardingView> {
    const userId = scope.session.requireUserId();
    const state = await this.states.load(userId);
    if (!state) throw badInput('answer', 'Start onboarding first (startOnboarding).');
    if (state.step === 'DONE') throw ruleBroken(ErrorCode.ONBOARDING_FINISHED, 'Onboarding is already finished.');
    const text = answer.trim();
    if (text.length > this.config.maxMessageChars)
      throw badInput('answer', `An answer may be at most ${this.config.maxMessageChars} characters.`);
    const answers = await this.answered(scope, userId, state, text);
    const next = NEXT_STEP[state.step];
    const question = await this.question(scope, next, answers);
    const now = scope.clock.now();
    await this.db.transaction(async (tx) => {
      const move = {
        from: state.step,
        to: next,
        question,
        vision: answers.vision,
        goals: answers.goals,
        intentionId: answers.intentionId,
        now,
      };
      // A concurrent answer already moved this step on: keep its result.
      if (!(await this.states.move(tx, userId, move))) return;
      const said = { conversationId: state.conversation_id, userId, provider: this.provider.name, at: now };
      await this.conversations.addFinished(tx, { ...said, role: 'user', content: text });
      await this.conversations.addFinished(tx, { ...said, role: 'assistant', content: question });
    });
    return this.view(scope, userId, (await this.states.load(userId)) as OnboardingRow);
  }

  /** The answers once `text` answers the current step (the intention step sets today's intention). */
  private async answered(scope: Scope, userId: string, state: OnboardingRow, text: string): Promise<Answers> {
    const answers: Answers = { vision: state.vision, goals: state.goals, intentionId: state.intention_id, intentionText: null };
    if (state.step === 'VISION') return { ...answers, vision: checkVision(text) };
    if (state.step === 'GOALS') return { ...answers, goals: parseGoals(text) };
    return { ...answers, ...(await this.setIntention(scope, userId, checkIntention(text))) };
  }

  /** Creates today's intention; when one is already set today, onboarding adopts it. */
  private async setIntention(scope: Scope, userId: string, text: string): Promise<{ intentionId: string; intentionText: string }> {
    try {
      const intention = await this.intentions.set(scope, { text, targetSprints: 1 });
      return { intentionId: intention.id, intentionText: intention.text };
    } catch (err) {
      if (!(err instanceof DomainError && err.code === ErrorCode.INTENTION_ALREADY_SET)) throw err;
      const [state] = await this.gameState.loadMany([userId], scope.clock.now());
      const today = state?.todayIntention;
      if (!today) throw err;
      return { intentionId: today.id, intentionText: today.text };
    }
  }

  private question(scope: Scope, step: OnboardingStep, answers: Answers): Promise<string> {
    const task = {
      kind: 'onboarding-question' as const,
      step,
      vision: answers.vision,
      goals: answers.goals,
      intention: answers.intentionText,
    };
    return completeOrOffline(this.provider, task, this.config.promptTimeoutMs, scope.log);
  }

  private async view(scope: Scope, userId: string, row: OnboardingRow): Promise<OnboardingView> {
    let intention: IntentionView | null = null;
    if (row.intention_id) {
      const found = await this.states.intention(row.intention_id, userId);
      const [state] = found ? await this.gameState.loadMany([userId], scope.clock.now()) : [null];
      if (found && state) intention = intentionView(found, state.today);
    }
    return {
      step: row.step,
      question: row.question,
      vision: row.vision,
      goals: row.goals,
      intention,
      conversationId: row.conversation_id,
      startedAt: new Date(row.started_at),
      completedAt: row.completed_at ? new Date(row.completed_at) : null,
    };
  }
}
