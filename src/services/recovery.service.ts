import type { BreakFacts, RecoveryPromptSource } from '../coach/recovery-prompts';
import { insertOrIgnore } from '../db/insert-or-ignore';
import type { StoredIntentionStatus } from '../entities/daily-intention.entity';
import { RecoveryQuest } from '../entities/recovery-quest.entity';
import { badInput, ErrorCode, ruleBroken } from '../errors/domain-errors';
import { daysBetween } from '../lib/local-day';
import type { Scope } from '../lib/scope';
import type { ActionOutcome, GameAction, GameActionRunner } from './game-action';
import { intentionStatus } from './intention.rules';
import { recoveryEligibility, REFLECTION_MAX, REFLECTION_MIN } from './recovery.rules';
import { recoveryVitals, recoveryXp } from './xp.rules';

const noQuest = (why: string) => ruleBroken(ErrorCode.NO_RECOVERY_QUEST, why);

export class RecoveryService {
  constructor(
    private readonly actions: GameActionRunner,
    private readonly prompts: RecoveryPromptSource,
  ) {}

  /**
   * Opens (or returns the already open) recovery quest for the current break, with its reflection prompt.
   * The coach writes the prompt between two short transactions: a model call never holds the character's lock.
   */
  async start(scope: Scope): Promise<RecoveryQuest> {
    const read = await this.actions.run(scope, async (game) => {
      const existing = await this.currentQuest(game);
      if (existing) return { existing, facts: null };
      const lastDay = game.streak.lastDay as string;
      const facts: BreakFacts = {
        streakBefore: game.streak.current,
        lastDay,
        daysMissed: daysBetween(lastDay, game.today) - 1,
        longest: game.streak.longest,
        unfinishedIntentions: await this.failedIntentionsSince(game, lastDay),
      };
      return { existing: null, facts };
    });
    if (read.value.existing) return read.value.existing;
    const prompt = await this.prompts.promptFor(read.value.facts);
    const outcome = await this.actions.run(scope, async (game) => {
      const existing = await this.currentQuest(game);
      if (existing) return existing;
      const values = {
        userId: game.userId,
        brokenAfter: game.streak.lastDay as string,
        prompt,
        status: 'OPEN' as const,
        expiresOn: this.requireEligible(game).expiresOn as string,
        reflection: null,
        createdAt: game.now,
        completedAt: null,
      };
      const id = await insertOrIgnore(game.tx, RecoveryQuest, values);
      if (!id) return (await this.currentQuest(game)) as RecoveryQuest;
      game.emit({ type: 'RECOVERY_QUEST_STARTED', payload: { questId: id, expiresOn: values.expiresOn } });
      return game.tx.create(RecoveryQuest, { ...values, id });
    });
    return outcome.value;
  }

  /** Texts of up to 3 intentions that failed from `lastDay` on, newest first (the break spans a few days at most). */
  private async failedIntentionsSince(game: GameAction, lastDay: string): Promise<string[]> {
    const since: { text: string; date: string; status: StoredIntentionStatus }[] = await game.tx.query(
      `SELECT text, date::text AS date, status FROM daily_intentions WHERE user_id = $1 AND date >= $2 AND date < $3 ORDER BY date DESC`,
      [game.userId, lastDay, game.today],
    );
    return since
      .filter((row) => intentionStatus(row.status, row.date, game.today) === 'FAILED')
      .slice(0, 3)
      .map((row) => row.text);
  }

  /** The open quest of the current break; refuses when there is no break to repair or it was already repaired. */
  private async currentQuest(game: GameAction): Promise<RecoveryQuest | null> {
    this.requireEligible(game);
    const existing = await game.tx.findOneBy(RecoveryQuest, { userId: game.userId, brokenAfter: game.streak.lastDay as string });
    if (existing && existing.status !== 'OPEN') throw noQuest('This break was already repaired.');
    return existing;
  }

  /** Completes the open quest: repairs the break (the next check-in continues the streak), 25 XP, resilience +2. */
  complete(scope: Scope, reflection: string): Promise<ActionOutcome<RecoveryQuest>> {
    const text = reflection.trim();
    if (text.length < REFLECTION_MIN || text.length > REFLECTION_MAX) {
      throw badInput('reflection', `reflection must be ${REFLECTION_MIN} to ${REFLECTION_MAX} characters (got ${text.length}).`);
    }
    return this.actions.run(scope, async (game) => {
      this.requireEligible(game);
      const quest = await game.tx.findOneBy(RecoveryQuest, {
        userId: game.userId,
        brokenAfter: game.streak.lastDay as string,
        status: 'OPEN',
      });
      if (!quest) throw noQuest('Start the recovery quest first (startRecoveryQuest).');
      Object.assign(quest, { status: 'COMPLETED', reflection: text, completedAt: game.now });
      await game.tx.update(RecoveryQuest, { id: quest.id }, { status: 'COMPLETED', reflection: text, completedAt: game.now });
      game.character.lastRepairOn = game.today;
      game.setStreak({ ...game.streak, repairedOn: game.today });
      game.applyVitals(recoveryVitals);
      game.emit({
        type: 'RECOVERY_QUEST_COMPLETED',
        payload: { questId: quest.id, repairedOn: game.today, resilience: game.character.resilience },
      });
      game.noteProgress({ recoveryCompleted: true });
      await game.grantXp('RECOVERY_QUEST', quest.id, recoveryXp());
      return quest;
    });
  }

  private requireEligible(game: GameAction) {
    const eligibility = recoveryEligibility(game.streak, game.character.lastRepairOn, game.today);
    if (eligibility.open) return eligibility;
    const why = {
      NOT_BROKEN: 'Your streak is not broken: there is nothing to recover.',
      TOO_LATE: 'The break is too old to repair; start a new streak with a check-in.',
      COOLDOWN: 'A streak can be repaired at most once every 14 days.',
    }[eligibility.reason ?? 'NOT_BROKEN'];
    throw noQuest(why);
  }
}
