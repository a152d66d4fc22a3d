import { addDays, daysBetween, type LocalDate } from '../lib/local-day';

export const MAX_GRACE_DAYS = 2;
/** A grace day is earned at every multiple of this streak length. */
export const GRACE_EARNED_EVERY = 7;
/** A repair lets the repair day and the day after continue the streak. */
const REPAIR_VALID_DAYS = 1;

export interface StreakState {
  current: number;
  longest: number;
  graceDays: number;
  /** The last local day counted in the streak. */
  lastDay: LocalDate | null;
  /** The local day a recovery quest repaired the break, if the repair is still unused. */
  repairedOn: LocalDate | null;
}

export type StreakStatus = 'NONE' | 'ACTIVE' | 'AT_RISK' | 'BROKEN';

/** The streak columns of a `characters` row, as raw SQL reads them. */
export interface StreakColumns {
  streak_current: number;
  streak_longest: number;
  grace_days: number;
  last_check_in_date: LocalDate | null;
  repaired_on: LocalDate | null;
}

/** The streak held in a `characters` row read with raw SQL. */
export function streakOfRow(row: StreakColumns): StreakState {
  return {
    current: row.streak_current,
    longest: row.streak_longest,
    graceDays: row.grace_days,
    lastDay: row.last_check_in_date,
    repairedOn: row.repaired_on,
  };
}

/** How a check-in day relates to the streak. */
export type Continuation = 'FIRST' | 'SAME_DAY' | 'NEXT_DAY' | 'GRACE_DAY' | 'REPAIRED' | 'RESET';

export const initialStreak: StreakState = { current: 0, longest: 0, graceDays: 1, lastDay: null, repairedOn: null };

function repairCovers(state: StreakState, day: LocalDate): boolean {
  return state.repairedOn !== null && daysBetween(state.repairedOn, day) >= 0 && daysBetween(state.repairedOn, day) <= REPAIR_VALID_DAYS;
}

/** What a check-in on `day` would do to the streak. */
export function continuationOn(state: StreakState, day: LocalDate): Continuation {
  if (state.lastDay === null || state.current === 0) return 'FIRST';
  const gap = daysBetween(state.lastDay, day);
  if (gap <= 0) return 'SAME_DAY';
  if (gap === 1) return 'NEXT_DAY';
  if (gap - 1 <= state.graceDays) return 'GRACE_DAY';
  if (repairCovers(state, day)) return 'REPAIRED';
  return 'RESET';
}

export interface StreakTransition {
  next: StreakState;
  how: Continuation;
  /** Grace days spent by this check-in: one per missed day bridged (docs/rules.md, streaks). */
  graceSpent: number;
  graceEarned: boolean;
}

/** Missed days between the last counted day and `day` (0 when `day` is the next one). */
export function missedDaysBefore(state: StreakState, day: LocalDate): number {
  return state.lastDay === null ? 0 : Math.max(0, daysBetween(state.lastDay, day) - 1);
}

/**
 * The streak after a check-in on `day` (docs/rules.md, streaks; k missed days spend k grace days when
 * that many are held). Call only once per day: SAME_DAY changes nothing.
 */
export function nextStreak(state: StreakState, day: LocalDate): StreakTransition {
  const how = continuationOn(state, day);
  if (how === 'SAME_DAY') return { next: state, how, graceSpent: 0, graceEarned: false };
  const continues = how === 'NEXT_DAY' || how === 'GRACE_DAY' || how === 'REPAIRED';
  const graceSpent = how === 'GRACE_DAY' ? missedDaysBefore(state, day) : 0;
  const current = continues ? state.current + 1 : 1;
  let graceDays = state.graceDays - graceSpent;
  const graceEarned = current % GRACE_EARNED_EVERY === 0 && graceDays < MAX_GRACE_DAYS;
  if (graceEarned) graceDays += 1;
  return {
    next: { current, longest: Math.max(state.longest, current), graceDays, lastDay: day, repairedOn: null },
    how,
    graceSpent,
    graceEarned,
  };
}

/** The streak's status on local day `today`. */
export function streakStatus(state: StreakState, today: LocalDate): StreakStatus {
  if (state.current === 0 || state.lastDay === null) return 'NONE';
  const how = continuationOn(state, today);
  if (how === 'SAME_DAY') return 'ACTIVE';
  return how === 'RESET' ? 'BROKEN' : 'AT_RISK';
}

/**
 * The first local day on which a check-in would no longer continue the streak (null when there is
 * no streak). The streak's `expiresAt` is the start of this day in the user's zone.
 */
export function streakExpiresOn(state: StreakState): LocalDate | null {
  if (state.current === 0 || state.lastDay === null) return null;
  // Each held grace day bridges one more missed day.
  let expires = addDays(state.lastDay, 2 + state.graceDays);
  if (state.repairedOn !== null) {
    const repairEnds = addDays(state.repairedOn, REPAIR_VALID_DAYS + 1);
    if (daysBetween(expires, repairEnds) > 0) expires = repairEnds;
  }
  return expires;
}
