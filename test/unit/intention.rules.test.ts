import { CHECK_IN_NOTE_MAX, MOOD_MAX, MOOD_MIN } from '../../src/services/check-in.rules';
import {
  INTENTION_TEXT_MAX,
  INTENTION_TEXT_MIN,
  intentionStatus,
  TARGET_SPRINTS_DEFAULT,
  TARGET_SPRINTS_MAX,
  TARGET_SPRINTS_MIN,
} from '../../src/services/intention.rules';

describe('bounds of a check-in and an intention', () => {
  test('check-in: mood 1..5, note up to 1000 characters', () => {
    expect([MOOD_MIN, MOOD_MAX, CHECK_IN_NOTE_MAX]).toEqual([1, 5, 1000]);
  });

  test('intention: text 3..280 characters, targetSprints 1..8 (default 1)', () => {
    expect([INTENTION_TEXT_MIN, INTENTION_TEXT_MAX]).toEqual([3, 280]);
    expect([TARGET_SPRINTS_MIN, TARGET_SPRINTS_MAX, TARGET_SPRINTS_DEFAULT]).toEqual([1, 8, 1]);
  });
});

describe('intentionStatus: still PENDING after its day → FAILED', () => {
  test.each([
    ['PENDING', '2026-03-01', '2026-03-01', 'PENDING'],
    ['PENDING', '2026-03-01', '2026-03-02', 'FAILED'],
    ['PENDING', '2026-02-28', '2026-03-01', 'FAILED'],
    ['PENDING', '2025-12-31', '2026-01-01', 'FAILED'],
    ['COMPLETED', '2026-03-01', '2026-03-01', 'COMPLETED'],
    ['COMPLETED', '2026-03-01', '2026-03-09', 'COMPLETED'],
  ] as const)('%s on %s, seen on %s → %s', (stored, date, today, shown) => {
    expect(intentionStatus(stored, date, today)).toBe(shown);
  });
});
