export interface Vitals {
  energy: number;
  fatigue: number;
  loyalty: number;
  clarity: number;
  discipline: number;
  resilience: number;
}

export type VitalsDelta = Partial<Vitals>;

/** Energy and fatigue stay in 0..VITAL_MAX; every other stat only has the floor of 0. */
export const VITAL_MAX = 100;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Applies `delta` with the clamps of docs/rules.md: energy and fatigue in 0..100, nothing below 0. */
export function applyVitals(current: Vitals, delta: VitalsDelta): Vitals {
  return {
    energy: clamp(current.energy + (delta.energy ?? 0), 0, VITAL_MAX),
    fatigue: clamp(current.fatigue + (delta.fatigue ?? 0), 0, VITAL_MAX),
    loyalty: Math.max(0, current.loyalty + (delta.loyalty ?? 0)),
    clarity: Math.max(0, current.clarity + (delta.clarity ?? 0)),
    discipline: Math.max(0, current.discipline + (delta.discipline ?? 0)),
    resilience: Math.max(0, current.resilience + (delta.resilience ?? 0)),
  };
}
