/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(values: number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values };
}

/**
 * Ratio of medians with its spread: the per-round ratios' min and max (rounds alternate scenario and
 * baseline, so each pair shares the machine's state at that moment).
 */
export function ratioOfMedians(subject: number[], baseline: number[]): { ratio: number; min: number; max: number } {
  const perRound = subject.map((value, i) => value / baseline[i]);
  return { ratio: median(subject) / median(baseline), min: Math.min(...perRound), max: Math.max(...perRound) };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
