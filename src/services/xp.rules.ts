import type { VitalsDelta } from './stats.rules';

/** An amount of XP with the rule and inputs that produced it, as recorded in the ledger. */
export interface XpAward {
  amount: number;
  rule: string;
  inputs: Record<string, number | string | boolean>;
}

export const CHECK_IN_STREAK_BONUS_CAP = 20;

/** `10 + min(streak, 20)`, with the streak after the check-in's update. */
export function checkInXp(streakAfter: number): XpAward {
  return { amount: 10 + Math.min(streakAfter, CHECK_IN_STREAK_BONUS_CAP), rule: '10 + min(streak, 20)', inputs: { streak: streakAfter } };
}

export const checkInVitals: VitalsDelta = { energy: 10, fatigue: -10, loyalty: 5 };

export function intentionXp(): XpAward {
  return { amount: 50, rule: 'completed daily intention: 50', inputs: {} };
}

export const intentionVitals: VitalsDelta = { clarity: 1, loyalty: 5 };

export function sprintXp(plannedMinutes: number): XpAward {
  return { amount: plannedMinutes, rule: 'plannedMinutes', inputs: { plannedMinutes } };
}

/** discipline +1, energy −⌊p/5⌋, fatigue +⌊p/5⌋, loyalty +1. */
export function sprintVitals(plannedMinutes: number): VitalsDelta {
  const load = Math.floor(plannedMinutes / 5);
  return { discipline: 1, energy: -load, fatigue: load, loyalty: 1 };
}

export function recoveryXp(): XpAward {
  return { amount: 25, rule: 'completed recovery quest: 25', inputs: {} };
}

export const recoveryVitals: VitalsDelta = { resilience: 2 };

export function achievementXp(code: string, rewardXp: number): XpAward {
  return { amount: rewardXp, rule: `achievement ${code} reward`, inputs: { achievement: code } };
}

export const SPRINT_MIN_MINUTES = 5;
export const SPRINT_MAX_MINUTES = 180;
export const SPRINT_MIN_ENERGY = 10;
