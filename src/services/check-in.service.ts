import { insertOrIgnore } from '../db/insert-or-ignore';
import { CheckIn } from '../entities/check-in.entity';
import { ErrorCode, ruleBroken } from '../errors/domain-errors';
import type { Scope } from '../lib/scope';
import type { ActionOutcome, GameActionRunner } from './game-action';
import { nextStreak } from './streak.rules';
import { checkInVitals, checkInXp } from './xp.rules';

export interface CheckInInput {
  mood?: number | null;
  note?: string | null;
}

export class CheckInService {
  constructor(private readonly actions: GameActionRunner) {}

  /** Checks the caller in for their local day: streak, XP `10 + min(streak, 20)`, energy, fatigue, loyalty. */
  checkIn(scope: Scope, input: CheckInInput): Promise<ActionOutcome<CheckIn>> {
    return this.actions.run(scope, async (game) => {
      const { next, how, graceEarned, graceSpent } = nextStreak(game.streak, game.today);
      if (how === 'SAME_DAY') throw alreadyCheckedIn(game.today);
      const values = { userId: game.userId, date: game.today, mood: input.mood ?? null, note: input.note ?? null, createdAt: game.now };
      const id = await insertOrIgnore(game.tx, CheckIn, values);
      if (!id) throw alreadyCheckedIn(game.today);
      game.character.checkInsTotal += 1;
      game.emit({
        type: 'CHECK_IN',
        payload: { checkInId: id, date: game.today, mood: values.mood, checkInsTotal: game.character.checkInsTotal },
      });
      game.setStreak(next);
      if (graceSpent > 0) game.emit({ type: 'GRACE_DAYS_USED', payload: { count: graceSpent, graceDays: next.graceDays } });
      if (graceEarned) game.emit({ type: 'GRACE_DAY_EARNED', payload: { graceDays: next.graceDays, streak: next.current } });
      game.applyVitals(checkInVitals);
      const checkIn = game.tx.create(CheckIn, { ...values, id });
      await game.grantXp('CHECK_IN', checkIn.id, checkInXp(next.current));
      return checkIn;
    });
  }
}

const alreadyCheckedIn = (day: string) => ruleBroken(ErrorCode.ALREADY_CHECKED_IN, `You already checked in today (${day}).`);
