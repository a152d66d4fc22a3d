import type { VitalsDelta } from './stats.rules';
import { MAX_GRACE_DAYS } from './streak.rules';

export const INVENTORY_CAP = 5;

export interface ToolEffect {
  vitals?: VitalsDelta;
  graceDays?: number;
}

const EFFECTS: Record<string, ToolEffect> = {
  ENERGY_DRINK: { vitals: { energy: 25 } },
  POWER_NAP: { vitals: { fatigue: -30 } },
  STREAK_SHIELD: { graceDays: 1 },
};

export function toolEffect(code: string): ToolEffect | undefined {
  return EFFECTS[code];
}

/** Why a tool cannot be used now, or null when it can. */
export function toolRefusal(effect: ToolEffect, graceDays: number): string | null {
  if (effect.graceDays && graceDays >= MAX_GRACE_DAYS) return `You already hold the maximum of ${MAX_GRACE_DAYS} grace days.`;
  return null;
}
