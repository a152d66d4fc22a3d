import { SPRINT_MAX_MINUTES, SPRINT_MIN_ENERGY, SPRINT_MIN_MINUTES, sprintSecondsToGo } from '../../src/services/sprint.rules';

describe('sprint bounds', () => {
  test('5..180 planned minutes; energy ≥ 10 to start', () => {
    expect([SPRINT_MIN_MINUTES, SPRINT_MAX_MINUTES, SPRINT_MIN_ENERGY]).toEqual([5, 180, 10]);
  });
});

describe('sprintSecondsToGo: a sprint completes once its planned minutes have passed', () => {
  const start = new Date('2026-03-01T10:00:00.000Z');
  const at = (ms: number) => new Date(start.getTime() + ms);

  test.each([
    [25, 0, 1500],
    [25, 1, 1500],
    [25, 999, 1500],
    [25, 1000, 1499],
    [25, 1_499_001, 1],
    [25, 1_499_999, 1],
    [25, 1_500_000, 0],
    [25, 1_500_001, 0],
    [5, 86_400_000, 0],
    [180, 179 * 60_000, 60],
  ])('%i minutes, %i ms after the start → %i s to go', (minutes, elapsedMs, toGo) => {
    expect(sprintSecondsToGo(minutes, start, at(elapsedMs))).toBe(toGo);
  });
});
