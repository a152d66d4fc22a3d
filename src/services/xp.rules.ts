import type { VitalsDelta } from './stats.rules';

/** An amount of XP with the rule and inputs that produced it, as recorded in the ledger. */
export interface XpAward {
  amount: number;
  rule: string;
  inputs: Record<string, number | string | boolean>;
}

/** The XP table of docs/rules.md. */
export const CHECK_IN_BASE_XP = 10;
export const CHECK_IN_STREAK_BONUS_CAP = 20;
export const INTENTION_XP = 50;
export const RECOVERY_XP = 25;

/** `10 + min(streak, 20)`, with the streak after the check-in's update. */
export function checkInXp(streakAfter: number): XpAward {
  return {
    amount: CHECK_IN_BASE_XP + Math.min(streakAfter, CHECK_IN_STREAK_BONUS_CAP),
    rule: `${CHECK_IN_BASE_XP} + min(streak, ${CHECK_IN_STREAK_BONUS_CAP})`,
    inputs: { streak: streakAfter },
  };
}

export const checkInVitals = { energy: 10, fatigue: -10, loyalty: 5 } satisfies VitalsDelta;

export function intentionXp(): XpAward {
  return { amount: INTENTION_XP, rule: `completed daily intention: ${INTENTION_XP}`, inputs: {} };
}

export const intentionVitals = { clarity: 1, loyalty: 5 } satisfies VitalsDelta;

export function sprintXp(plannedMinutes: number): XpAward {
  return { amount: plannedMinutes, rule: 'plannedMinutes', inputs: { plannedMinutes } };
}

/** What every completed sprint adds, whatever its length. */
export const sprintFixedVitals = { discipline: 1, loyalty: 1 } satisfies VitalsDelta;
/** Energy spent and fatigue gained: one point per this many planned minutes. */
export const SPRINT_MINUTES_PER_LOAD = 5;

/** discipline +1, energy −⌊p/5⌋, fatigue +⌊p/5⌋, loyalty +1. */
export function sprintVitals(plannedMinutes: number): VitalsDelta {
  const load = Math.floor(plannedMinutes / SPRINT_MINUTES_PER_LOAD);
  return { ...sprintFixedVitals, energy: -load, fatigue: load };
}

export function recoveryXp(): XpAward {
  return { amount: RECOVERY_XP, rule: `completed recovery quest: ${RECOVERY_XP}`, inputs: {} };
}

export const recoveryVitals = { resilience: 2 } satisfies VitalsDelta;

export function achievementXp(code: string, rewardXp: number): XpAward {
  return { amount: rewardXp, rule: `achievement ${code} reward`, inputs: { achievement: code } };
}
