import { addDays, type LocalDate } from '../../src/lib/local-day';
import {
  continuationOn,
  GRACE_EARNED_EVERY,
  initialStreak,
  MAX_GRACE_DAYS,
  nextStreak,
  streakExpiresOn,
  type StreakState,
  streakStatus,
} from '../../src/services/streak.rules';

const P: LocalDate = '2024-03-10';
const day = (offset: number): LocalDate => addDays(P, offset);

/** A streak whose last counted day is P. */
function streak(overrides: Partial<StreakState> = {}): StreakState {
  return { current: 5, longest: 5, graceDays: 1, lastDay: P, repairedOn: null, ...overrides };
}

/** Checks in on each day in turn, starting from `state`. */
function checkInOn(state: StreakState, days: LocalDate[]): StreakState {
  return days.reduce((s, d) => nextStreak(s, d).next, state);
}

describe('start state', () => {
  test('streak 0, longest 0, one grace day, nothing counted', () => {
    expect(initialStreak).toEqual({ current: 0, longest: 0, graceDays: 1, lastDay: null, repairedOn: null });
  });

  test('constants: grace earned every 7 days, at most 2 held', () => {
    expect(GRACE_EARNED_EVERY).toBe(7);
    expect(MAX_GRACE_DAYS).toBe(2);
  });
});

describe('continuationOn: what a check-in on D does, given the last counted day P', () => {
  test.each<[string, Partial<StreakState>, number, string]>([
    ['no streak yet', { current: 0, longest: 0, lastDay: null }, 0, 'FIRST'],
    ['streak 0 with an old last day', { current: 0, lastDay: '2020-01-01' }, 0, 'FIRST'],
    ['D = P', {}, 0, 'SAME_DAY'],
    ['D before P (clock moved back)', {}, -1, 'SAME_DAY'],
    ['D = P+1', {}, 1, 'NEXT_DAY'],
    ['D = P+1 with no grace', { graceDays: 0 }, 1, 'NEXT_DAY'],
    ['D = P+2 with 1 grace day', { graceDays: 1 }, 2, 'GRACE_DAY'],
    ['D = P+2 with 2 grace days', { graceDays: 2 }, 2, 'GRACE_DAY'],
    ['D = P+2 with no grace', { graceDays: 0 }, 2, 'RESET'],
    ['D = P+3 with 2 grace days (two missed days, one grace day each)', { graceDays: 2 }, 3, 'GRACE_DAY'],
    ['D = P+3 with 1 grace day', { graceDays: 1 }, 3, 'RESET'],
    ['D = P+4 with 2 grace days', { graceDays: 2 }, 4, 'RESET'],
    ['D = P+30', { graceDays: 2 }, 30, 'RESET'],
    ['D = repair day', { repairedOn: day(5) }, 5, 'REPAIRED'],
    ['D = the day after the repair', { repairedOn: day(5) }, 6, 'REPAIRED'],
    ['D = two days after the repair', { repairedOn: day(5) }, 7, 'RESET'],
    ['repair with no grace, D = repair day', { graceDays: 0, repairedOn: day(3) }, 3, 'REPAIRED'],
  ])('%s → %s', (_name, overrides, offset, expected) => {
    expect(continuationOn(streak(overrides), day(offset))).toBe(expected);
  });
});

describe('nextStreak transitions', () => {
  test('first check-in starts the streak at 1 and keeps the starting grace day', () => {
    const t = nextStreak(initialStreak, P);
    expect(t.how).toBe('FIRST');
    expect(t.next).toEqual({ current: 1, longest: 1, graceDays: 1, lastDay: P, repairedOn: null });
    expect(t.graceSpent).toBe(0);
    expect(t.graceEarned).toBe(false);
  });

  test('next day: streak + 1, grace unchanged, last day moves', () => {
    const t = nextStreak(streak({ current: 4, longest: 4 }), day(1));
    expect(t.how).toBe('NEXT_DAY');
    expect(t.next).toEqual({ current: 5, longest: 5, graceDays: 1, lastDay: day(1), repairedOn: null });
    expect(t.graceSpent).toBe(0);
  });

  test('same day: nothing changes (the very same state comes back)', () => {
    const before = streak({ current: 4, longest: 9, graceDays: 2 });
    const t = nextStreak(before, P);
    expect(t.how).toBe('SAME_DAY');
    expect(t.next).toBe(before);
    expect(t.graceSpent).toBe(0);
    expect(t.graceEarned).toBe(false);
  });

  test.each([
    [1, 0],
    [2, 1],
  ])('one missed day with %i grace day(s): one is spent, streak + 1 (not + 2)', (grace, graceAfter) => {
    const t = nextStreak(streak({ current: 4, longest: 4, graceDays: grace }), day(2));
    expect(t.how).toBe('GRACE_DAY');
    expect(t.graceSpent).toBe(1);
    expect(t.next).toEqual({ current: 5, longest: 5, graceDays: graceAfter, lastDay: day(2), repairedOn: null });
  });

  test('one missed day with no grace: reset to 1', () => {
    const t = nextStreak(streak({ current: 4, longest: 4, graceDays: 0 }), day(2));
    expect(t.how).toBe('RESET');
    expect(t.graceSpent).toBe(0);
    expect(t.next).toEqual({ current: 1, longest: 4, graceDays: 0, lastDay: day(2), repairedOn: null });
  });

  test.each([4, 5, 10, 365])('%i days later with 2 grace days: reset to 1, no grace spent', (gap) => {
    const t = nextStreak(streak({ current: 12, longest: 12, graceDays: 2 }), day(gap));
    expect(t.how).toBe('RESET');
    expect(t.graceSpent).toBe(0);
    expect(t.next).toEqual({ current: 1, longest: 12, graceDays: 2, lastDay: day(gap), repairedOn: null });
  });

  test.each([4, 5])('a repaired break (check-in %i days after P, repaired on P+4): streak + 1, the repair is used up', (offset) => {
    const t = nextStreak(streak({ current: 6, longest: 10, graceDays: 0, repairedOn: day(4) }), day(offset));
    expect(t.how).toBe('REPAIRED');
    expect(t.graceSpent).toBe(0);
    expect(t.next).toEqual({ current: 7, longest: 10, graceDays: 1, lastDay: day(offset), repairedOn: null });
    expect(t.graceEarned).toBe(true);
  });

  test('a repair left unused for two days no longer covers the break', () => {
    const t = nextStreak(streak({ current: 6, graceDays: 0, repairedOn: day(4) }), day(6));
    expect(t.how).toBe('RESET');
    expect(t.next.current).toBe(1);
    expect(t.next.repairedOn).toBeNull();
  });

  test('after a repaired check-in the streak continues day by day', () => {
    const repaired = checkInOn(streak({ current: 3, longest: 3, graceDays: 0, repairedOn: day(4) }), [day(4)]);
    const t = nextStreak(repaired, day(5));
    expect(t.how).toBe('NEXT_DAY');
    expect(t.next.current).toBe(5);
  });

  test('the input state is not mutated', () => {
    const before = streak({ current: 6, graceDays: 1 });
    const copy = { ...before };
    nextStreak(before, day(2));
    expect(before).toEqual(copy);
  });
});

describe('grace days bridge one missed day each (docs/rules.md, streaks)', () => {
  // grace days held, missed days in a row, then a check-in: continues?, grace days left, spent
  test.each<[number, number, boolean, number, number]>([
    [0, 1, false, 0, 0],
    [0, 2, false, 0, 0],
    [0, 3, false, 0, 0],
    [1, 1, true, 0, 1],
    [1, 2, false, 1, 0],
    [1, 3, false, 1, 0],
    [2, 1, true, 1, 1],
    [2, 2, true, 0, 2],
    [2, 3, false, 2, 0],
  ])('%i grace day(s), %i missed day(s): continues %s, %i left, %i spent', (grace, missed, continues, left, spent) => {
    const t = nextStreak(streak({ current: 4, longest: 4, graceDays: grace }), day(missed + 1));
    expect(t.next.current).toBe(continues ? 5 : 1);
    expect(t.next.graceDays).toBe(left);
    expect(t.graceSpent).toBe(spent);
    expect(streakStatus(streak({ graceDays: grace }), day(missed + 1))).toBe(continues ? 'AT_RISK' : 'BROKEN');
  });

  test('expiresAt follows: the day after the last bridgeable missed day', () => {
    expect([0, 1, 2].map((graceDays) => streakExpiresOn(streak({ graceDays })))).toEqual([day(2), day(3), day(4)]);
  });
});

describe('grace days: earned at streak 7, 14, 21 …, never above 2', () => {
  test.each<[number, number, number, boolean]>([
    // streak before a next-day check-in, grace before, grace after, earned
    [5, 0, 0, false],
    [6, 0, 1, true],
    [6, 1, 2, true],
    [6, 2, 2, false],
    [7, 1, 1, false],
    [12, 0, 0, false],
    [13, 0, 1, true],
    [13, 1, 2, true],
    [13, 2, 2, false],
    [14, 1, 1, false],
    [20, 1, 2, true],
    [20, 2, 2, false],
    [27, 0, 1, true],
    [34, 1, 2, true],
    [69, 0, 1, true],
    [70, 0, 0, false],
  ])('streak %i → +1 with %i grace: %i grace after (earned: %s)', (current, grace, after, earned) => {
    const t = nextStreak(streak({ current, longest: current, graceDays: grace }), day(1));
    expect(t.next.current).toBe(current + 1);
    expect(t.next.graceDays).toBe(after);
    expect(t.graceEarned).toBe(earned);
  });

  test('a grace day spent to reach 7 is earned back at once', () => {
    const t = nextStreak(streak({ current: 6, longest: 6, graceDays: 1 }), day(2));
    expect(t.graceSpent).toBe(1);
    expect(t.graceEarned).toBe(true);
    expect(t.next).toMatchObject({ current: 7, graceDays: 1 });
  });

  test('a reset to 1 earns nothing', () => {
    const t = nextStreak(streak({ current: 6, graceDays: 0 }), day(5));
    expect(t.graceEarned).toBe(false);
    expect(t.next.graceDays).toBe(0);
  });

  test('30 consecutive days from the start: 1 grace day until day 7, then 2, capped', () => {
    let state = initialStreak;
    const graceByDay: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      state = nextStreak(state, day(i)).next;
      graceByDay.push(state.graceDays);
    }
    expect(graceByDay.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(graceByDay.slice(6)).toEqual(Array<number>(24).fill(2));
    expect(state).toMatchObject({ current: 30, longest: 30, lastDay: day(29) });
  });

  test('grace days are spent and then the streak breaks', () => {
    // Days 0..6 → streak 7 with 2 grace; miss 7, check 8; miss 9, check 10; miss 11, check 12.
    let state = checkInOn(initialStreak, [0, 1, 2, 3, 4, 5, 6].map(day));
    expect(state).toMatchObject({ current: 7, graceDays: 2 });
    state = nextStreak(state, day(8)).next;
    expect(state).toMatchObject({ current: 8, graceDays: 1 });
    state = nextStreak(state, day(10)).next;
    expect(state).toMatchObject({ current: 9, graceDays: 0 });
    const t = nextStreak(state, day(12));
    expect(t.how).toBe('RESET');
    expect(t.next).toMatchObject({ current: 1, longest: 9, graceDays: 0 });
  });
});

describe('longest streak is the maximum reached', () => {
  test('a reset keeps the longest', () => {
    expect(nextStreak(streak({ current: 8, longest: 8, graceDays: 0 }), day(5)).next.longest).toBe(8);
  });

  test('a shorter streak does not lower the longest; passing it raises it', () => {
    let state = streak({ current: 2, longest: 4 });
    state = nextStreak(state, day(1)).next;
    expect(state).toMatchObject({ current: 3, longest: 4 });
    state = checkInOn(state, [day(2), day(3)]);
    expect(state).toMatchObject({ current: 5, longest: 5 });
  });
});

describe('streakStatus', () => {
  test.each<[string, Partial<StreakState>, number, string]>([
    ['start state', { current: 0, longest: 0, lastDay: null }, 0, 'NONE'],
    ['streak 0 after data with a last day', { current: 0, longest: 3 }, 1, 'NONE'],
    ['checked in today', {}, 0, 'ACTIVE'],
    ['checked in today, no grace', { graceDays: 0 }, 0, 'ACTIVE'],
    ['last day yesterday', {}, 1, 'AT_RISK'],
    ['last day yesterday, no grace', { graceDays: 0 }, 1, 'AT_RISK'],
    ['one missed day, 1 grace day', { graceDays: 1 }, 2, 'AT_RISK'],
    ['one missed day, 2 grace days', { graceDays: 2 }, 2, 'AT_RISK'],
    ['one missed day, no grace', { graceDays: 0 }, 2, 'BROKEN'],
    ['two missed days, 2 grace days', { graceDays: 2 }, 3, 'AT_RISK'],
    ['two missed days, 1 grace day', { graceDays: 1 }, 3, 'BROKEN'],
    ['three missed days, 2 grace days', { graceDays: 2 }, 4, 'BROKEN'],
    ['long gone', { graceDays: 1 }, 40, 'BROKEN'],
    ['repaired today', { graceDays: 0, repairedOn: day(4) }, 4, 'AT_RISK'],
    ['repaired yesterday', { graceDays: 0, repairedOn: day(4) }, 5, 'AT_RISK'],
    ['repaired two days ago and unused', { graceDays: 0, repairedOn: day(4) }, 6, 'BROKEN'],
  ])('%s → %s', (_name, overrides, offset, expected) => {
    expect(streakStatus(streak(overrides), day(offset))).toBe(expected);
  });
});

describe('streakExpiresOn: the first day a check-in no longer continues', () => {
  test('no streak → null', () => {
    expect(streakExpiresOn(initialStreak)).toBeNull();
    expect(streakExpiresOn(streak({ current: 0 }))).toBeNull();
  });

  test.each([
    [0, 2],
    [1, 3],
    [2, 4],
  ])('with %i grace day(s): P+%i', (grace, offset) => {
    expect(streakExpiresOn(streak({ graceDays: grace }))).toBe(day(offset));
  });

  test('with a repair on R: R+2 (when later than the natural expiry)', () => {
    expect(streakExpiresOn(streak({ graceDays: 0, repairedOn: day(4) }))).toBe(day(6));
    expect(streakExpiresOn(streak({ graceDays: 1, repairedOn: day(4) }))).toBe(day(6));
  });

  test('a repair that ends earlier does not shorten the streak', () => {
    expect(streakExpiresOn(streak({ graceDays: 1, repairedOn: P }))).toBe(day(3));
  });

  test.each<[string, Partial<StreakState>]>([
    ['no grace', { graceDays: 0 }],
    ['1 grace', { graceDays: 1 }],
    ['2 grace', { graceDays: 2 }],
    ['repaired', { graceDays: 0, repairedOn: day(4) }],
    ['repaired with grace', { graceDays: 2, repairedOn: day(3) }],
  ])('agrees with streakStatus (%s): BROKEN on the expiry day, not the day before', (_name, overrides) => {
    const state = streak(overrides);
    const expires = streakExpiresOn(state)!;
    expect(streakStatus(state, expires)).toBe('BROKEN');
    expect(streakStatus(state, addDays(expires, -1))).not.toBe('BROKEN');
    expect(continuationOn(state, expires)).toBe('RESET');
  });
});
