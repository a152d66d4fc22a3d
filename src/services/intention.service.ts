import { insertOrIgnore } from '../db/insert-or-ignore';
import { DailyIntention } from '../entities/daily-intention.entity';
import { badInput, ErrorCode, ruleBroken } from '../errors/domain-errors';
import type { Scope } from '../lib/scope';
import type { ActionOutcome, GameActionRunner } from './game-action';
import { INTENTION_TEXT_MAX, INTENTION_TEXT_MIN, TARGET_SPRINTS_DEFAULT } from './intention.rules';
import { intentionVitals, intentionXp } from './xp.rules';

export interface DailyIntentionInput {
  text: string;
  targetSprints?: number | null;
}

export class IntentionService {
  constructor(private readonly actions: GameActionRunner) {}

  /** Sets the one intention of the caller's local day (once per day). */
  async set(scope: Scope, input: DailyIntentionInput): Promise<DailyIntention> {
    const text = input.text.trim();
    // The validator counts surrounding spaces; the stored (trimmed) text must still be within the bounds.
    if (text.length < INTENTION_TEXT_MIN) {
      throw badInput(
        'input.text',
        `text must be ${INTENTION_TEXT_MIN} to ${INTENTION_TEXT_MAX} characters, not counting surrounding spaces.`,
      );
    }
    const outcome = await this.actions.run(scope, async (game) => {
      const values = {
        userId: game.userId,
        date: game.today,
        text,
        targetSprints: input.targetSprints ?? TARGET_SPRINTS_DEFAULT,
        status: 'PENDING' as const,
        createdAt: game.now,
        completedAt: null,
      };
      const id = await insertOrIgnore(game.tx, DailyIntention, values);
      if (!id) {
        throw ruleBroken(ErrorCode.INTENTION_ALREADY_SET, `Today's intention (${game.today}) is already set.`);
      }
      game.emit({ type: 'INTENTION_SET', payload: { intentionId: id, date: game.today, targetSprints: values.targetSprints } });
      return game.tx.create(DailyIntention, { ...values, id });
    });
    return outcome.value;
  }

  /** Completes today's intention: 50 XP, clarity +1, loyalty +5. */
  complete(scope: Scope): Promise<ActionOutcome<DailyIntention>> {
    return this.actions.run(scope, async (game) => {
      const intention = await game.tx.findOneBy(DailyIntention, { userId: game.userId, date: game.today });
      if (!intention) throw ruleBroken(ErrorCode.NO_INTENTION, `No intention is set for today (${game.today}).`);
      if (intention.status === 'COMPLETED') {
        throw ruleBroken(ErrorCode.INTENTION_ALREADY_COMPLETED, "Today's intention is already completed.");
      }
      intention.status = 'COMPLETED';
      intention.completedAt = game.now;
      await game.tx.update(DailyIntention, { id: intention.id }, { status: 'COMPLETED', completedAt: game.now });
      game.character.intentionsCompleted += 1;
      game.applyVitals(intentionVitals);
      const { intentionsCompleted, clarity } = game.character;
      game.emit({
        type: 'INTENTION_COMPLETED',
        payload: { intentionId: intention.id, date: intention.date, intentionsCompleted, clarity },
      });
      await game.grantXp('INTENTION', intention.id, intentionXp());
      return intention;
    });
  }
}
