export interface Vitals {
  energy: number;
  fatigue: number;
  loyalty: number;
  clarity: number;
  discipline: number;
  resilience: number;
}

export type VitalsDelta = Partial<Vitals>;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Applies `delta` with the clamps of SPEC §3: energy and fatigue in 0..100, nothing below 0. */
export function applyVitals(current: Vitals, delta: VitalsDelta): Vitals {
  return {
    energy: clamp(current.energy + (delta.energy ?? 0), 0, 100),
    fatigue: clamp(current.fatigue + (delta.fatigue ?? 0), 0, 100),
    loyalty: Math.max(0, current.loyalty + (delta.loyalty ?? 0)),
    clarity: Math.max(0, current.clarity + (delta.clarity ?? 0)),
    discipline: Math.max(0, current.discipline + (delta.discipline ?? 0)),
    resilience: Math.max(0, current.resilience + (delta.resilience ?? 0)),
  };
}
