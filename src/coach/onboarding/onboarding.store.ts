import type { Tx } from '../../db/data-source';
import type { Database } from '../../db/database';
import type { StoredIntentionStatus } from '../../entities/daily-intention.entity';
import type { IntentionView } from '../../services/game-state.views';
import type { OnboardingStep } from '../providers/provider';

export interface OnboardingRow {
  step: OnboardingStep;
  question: string;
  vision: string | null;
  goals: string[];
  intention_id: string | null;
  conversation_id: string;
  started_at: Date;
  completed_at: Date | null;
}

/** A move from one step to the next, with the answers so far. */
export interface OnboardingMove {
  from: OnboardingStep;
  to: OnboardingStep;
  question: string;
  vision: string | null;
  goals: string[];
  intentionId: string | null;
  now: Date;
}

/** Onboarding states: the only module that reads or writes `onboarding_states`. */
export class OnboardingStore {
  constructor(private readonly db: Database) {}

  async load(userId: string): Promise<OnboardingRow | null> {
    const rows: OnboardingRow[] = await this.db.query(
      `SELECT step, question, vision, goals, intention_id, conversation_id, started_at, completed_at FROM onboarding_states WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** Starts onboarding at VISION; false when it had started already (a concurrent start won). */
  async start(tx: Tx, userId: string, conversationId: string, question: string, now: Date): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO onboarding_states (user_id, conversation_id, step, question, started_at, updated_at)
       VALUES ($1, $2, 'VISION', $3, $4, $4) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
      [userId, conversationId, question, now],
    );
    return inserted.length > 0;
  }

  /** Moves one step on; false when a concurrent answer already moved this step. */
  async move(tx: Tx, userId: string, move: OnboardingMove): Promise<boolean> {
    const moved: unknown[] = await tx.query(
      `UPDATE onboarding_states SET step = $3::varchar, question = $4, vision = $5, goals = $6::jsonb, intention_id = $7, updated_at = $8,
              completed_at = CASE WHEN $3::varchar = 'DONE' THEN $8::timestamptz ELSE NULL END
        WHERE user_id = $1 AND step = $2 RETURNING user_id`,
      [userId, move.from, move.to, move.question, move.vision, JSON.stringify(move.goals), move.intentionId, move.now],
    );
    return moved.length > 0;
  }

  /** The intention onboarding set (read from `daily_intentions`, which the intention service writes). */
  async intention(
    intentionId: string,
    userId: string,
  ): Promise<(Omit<IntentionView, 'status'> & { status: StoredIntentionStatus }) | null> {
    const [found] = await this.db.query<Omit<IntentionView, 'status'> & { status: StoredIntentionStatus }>(
      `SELECT id, date::text AS date, text, target_sprints AS "targetSprints", status FROM daily_intentions WHERE id = $1 AND user_id = $2`,
      [intentionId, userId],
    );
    return found ?? null;
  }
}
