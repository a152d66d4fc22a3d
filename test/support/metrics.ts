/** The value of the first line of a Prometheus text exposition that matches `line` (NaN when none does). */
export function metricValue(text: string, line: RegExp): number {
  const match = text.split('\n').find((l) => line.test(l));
  return match ? Number(match.split(' ').pop()) : NaN;
}
