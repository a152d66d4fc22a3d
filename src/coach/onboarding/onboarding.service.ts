import type { CoachConfig } from '../../config';
import type { Context } from '../../context';
import type { Tx } from '../../db/data-source';
import type { Database } from '../../db/database';
import { badInput, DomainError, ErrorCode, ruleBroken } from '../../errors/domain-errors';
import { type GameStateService, intentionView } from '../../services/game-state.service';
import type { IntentionView } from '../../services/game-state.views';
import type { IntentionService } from '../../services/intention.service';
import type { CoachService } from '../conversations/coach.service';
import { completeOrOffline } from '../providers/completions';
import type { CoachProvider, OnboardingStep } from '../providers/provider';

export const MAX_GOALS = 3;

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

interface StateRow {
  step: OnboardingStep;
  question: string;
  vision: string | null;
  goals: string[];
  intention_id: string | null;
  conversation_id: string;
  started_at: Date;
  completed_at: Date | null;
}

const NEXT: Record<Exclude<OnboardingStep, 'DONE'>, OnboardingStep> = { VISION: 'GOALS', GOALS: 'INTENTION', INTENTION: 'DONE' };

/** Splits a goals answer (one per line, or separated by semicolons) into 1..3 goals. */
export function parseGoals(answer: string): string[] {
  const goals = answer
    .split(/\r?\n|;/)
    .map((g) => g.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((g) => g.length > 0);
  if (goals.length === 0) throw badInput('answer', 'Name at least one goal.');
  if (goals.length > MAX_GOALS)
    throw badInput('answer', `At most ${MAX_GOALS} goals (got ${goals.length}): keep the ones that matter most.`);
  const bad = goals.find((g) => g.length < 3 || g.length > 200);
  if (bad) throw badInput('answer', `Each goal must be 3 to 200 characters ("${bad.slice(0, 40)}").`);
  return goals;
}

/**
 * Conversational onboarding, a state machine stored per user (so it resumes after a disconnect):
 * VISION → GOALS (up to three) → INTENTION (today's, created through IntentionService) → DONE.
 * Each answer is stored and the coach asks the next question.
 */
export class OnboardingService {
  constructor(
    private readonly db: Database,
    private readonly coach: CoachService,
    private readonly intentions: IntentionService,
    private readonly gameState: GameStateService,
    private readonly provider: CoachProvider,
    private readonly config: CoachConfig,
  ) {}

  /** Your onboarding, or null before it started. */
  async state(ctx: Context): Promise<OnboardingView | null> {
    const userId = ctx.session.requireUserId();
    const row = await this.load(this.db.manager, userId);
    return row ? this.view(ctx, userId, row) : null;
  }

  /** Starts onboarding, or returns where it stands (resumable). */
  async start(ctx: Context): Promise<OnboardingView> {
    const userId = ctx.session.requireUserId();
    const existing = await this.load(this.db.manager, userId);
    if (existing) return this.view(ctx, userId, existing);
    const question = await this.question(ctx, 'VISION', null, [], null);
    const now = ctx.clock.now();
    await this.db.transaction(async (tx) => {
      const conversationId = await this.coach.newConversation(tx, ctx, userId, 'ONBOARDING');
      const inserted: unknown[] = await tx.query(
        `INSERT INTO onboarding_states (user_id, conversation_id, step, question, started_at, updated_at)
         VALUES ($1, $2, 'VISION', $3, $4, $4) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
        [userId, conversationId, question, now],
      );
      if (inserted.length > 0) await this.say(tx, userId, conversationId, 'assistant', question, now);
    });
    return this.view(ctx, userId, (await this.load(this.db.manager, userId)) as StateRow);
  }

  /** Answers the current question: stores the answer, moves one step, and returns the coach's next question. */
  async answer(ctx: Context, answer: string): Promise<OnboardingView> {
    const userId = ctx.session.requireUserId();
    const state = await this.load(this.db.manager, userId);
    if (!state) throw badInput('answer', 'Start onboarding first (startOnboarding).');
    if (state.step === 'DONE') throw ruleBroken(ErrorCode.ONBOARDING_FINISHED, 'Onboarding is already finished.');
    const text = answer.trim();
    if (text.length > this.config.maxMessageChars)
      throw badInput('answer', `An answer may be at most ${this.config.maxMessageChars} characters.`);

    let { vision, goals } = state;
    let intentionId: string | null = state.intention_id;
    let intentionText: string | null = null;
    if (state.step === 'VISION') {
      if (text.length < 3 || text.length > 1000) throw badInput('answer', 'Describe your vision in 3 to 1000 characters.');
      vision = text;
    } else if (state.step === 'GOALS') {
      goals = parseGoals(text);
    } else {
      if (text.length < 3 || text.length > 280) throw badInput('answer', "Today's intention must be 3 to 280 characters.");
      ({ intentionId, intentionText } = await this.setIntention(ctx, userId, text));
    }
    const next = NEXT[state.step];
    const question = await this.question(ctx, next, vision, goals, intentionText);
    const now = ctx.clock.now();
    await this.db.transaction(async (tx) => {
      const moved: unknown[] = await tx.query(
        `UPDATE onboarding_states SET step = $3::varchar, question = $4, vision = $5, goals = $6::jsonb, intention_id = $7, updated_at = $8,
                completed_at = CASE WHEN $3::varchar = 'DONE' THEN $8::timestamptz ELSE NULL END
          WHERE user_id = $1 AND step = $2 RETURNING user_id`,
        [userId, state.step, next, question, vision, JSON.stringify(goals), intentionId, now],
      );
      // A concurrent answer already moved this step on: keep its result.
      if (moved.length === 0) return;
      await this.say(tx, userId, state.conversation_id, 'user', text, now);
      await this.say(tx, userId, state.conversation_id, 'assistant', question, now);
    });
    return this.view(ctx, userId, (await this.load(this.db.manager, userId)) as StateRow);
  }

  /** Creates today's intention; when one is already set today, onboarding adopts it. */
  private async setIntention(ctx: Context, userId: string, text: string): Promise<{ intentionId: string; intentionText: string }> {
    try {
      const intention = await this.intentions.set(ctx, { text, targetSprints: 1 });
      return { intentionId: intention.id, intentionText: intention.text };
    } catch (err) {
      if (!(err instanceof DomainError && err.code === ErrorCode.INTENTION_ALREADY_SET)) throw err;
      const [state] = await this.gameState.loadMany([userId], ctx.clock.now());
      const today = state?.todayIntention;
      if (!today) throw err;
      return { intentionId: today.id, intentionText: today.text };
    }
  }

  private question(ctx: Context, step: OnboardingStep, vision: string | null, goals: string[], intention: string | null): Promise<string> {
    return completeOrOffline(
      this.provider,
      { kind: 'onboarding-question', step, vision, goals, intention },
      this.config.promptTimeoutMs,
      ctx.log,
    );
  }

  private async say(tx: Tx, userId: string, conversationId: string, role: 'user' | 'assistant', content: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO coach_messages (conversation_id, user_id, role, content, status, provider, tokens_out, created_at, finished_at)
       VALUES ($1, $2, $3, $4, 'COMPLETE', $5, $6, $7, $7)`,
      [conversationId, userId, role, content, this.provider.name, role === 'assistant' ? Math.ceil(content.length / 4) : 0, at],
    );
  }

  private async load(tx: Tx, userId: string): Promise<StateRow | null> {
    const rows: StateRow[] = await tx.query(
      `SELECT step, question, vision, goals, intention_id, conversation_id, started_at, completed_at FROM onboarding_states WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  private async view(ctx: Context, userId: string, row: StateRow): Promise<OnboardingView> {
    let intention: IntentionView | null = null;
    if (row.intention_id) {
      const [found] = await this.db.query<Omit<IntentionView, 'status'> & { status: 'PENDING' | 'COMPLETED' }>(
        `SELECT id, date::text AS date, text, target_sprints AS "targetSprints", status FROM daily_intentions WHERE id = $1 AND user_id = $2`,
        [row.intention_id, userId],
      );
      const [state] = found ? await this.gameState.loadMany([userId], ctx.clock.now()) : [null];
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
