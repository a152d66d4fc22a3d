import { addDays, daysBetween, type LocalDate } from '../lib/local-day';
import { type StreakState, streakStatus } from './streak.rules';

/** A break can be repaired while the last counted day is at most this many days before yesterday. */
export const REPAIR_WINDOW_DAYS = 3;
/** At most one repair per this many days. */
export const REPAIR_COOLDOWN_DAYS = 14;
export const REFLECTION_MIN = 20;
export const REFLECTION_MAX = 2000;

export interface RecoveryEligibility {
  open: boolean;
  /** The last day a quest for this break can be completed. */
  expiresOn: LocalDate | null;
  reason?: 'NOT_BROKEN' | 'TOO_LATE' | 'COOLDOWN';
}

/** Whether a recovery quest is open on `today` for the streak `state` (docs/rules.md, recovery quests). */
export function recoveryEligibility(state: StreakState, lastRepairOn: LocalDate | null, today: LocalDate): RecoveryEligibility {
  if (streakStatus(state, today) !== 'BROKEN' || state.lastDay === null) return { open: false, expiresOn: null, reason: 'NOT_BROKEN' };
  const yesterday = addDays(today, -1);
  if (daysBetween(state.lastDay, yesterday) > REPAIR_WINDOW_DAYS) return { open: false, expiresOn: null, reason: 'TOO_LATE' };
  if (lastRepairOn !== null && daysBetween(lastRepairOn, today) < REPAIR_COOLDOWN_DAYS) {
    return { open: false, expiresOn: null, reason: 'COOLDOWN' };
  }
  return { open: true, expiresOn: addDays(state.lastDay, REPAIR_WINDOW_DAYS + 1) };
}
