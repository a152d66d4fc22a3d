import { addDays, type LocalDate } from '../../src/lib/local-day';
import {
  recoveryEligibility,
  REFLECTION_MAX,
  REFLECTION_MIN,
  REPAIR_COOLDOWN_DAYS,
  REPAIR_WINDOW_DAYS,
} from '../../src/services/recovery.rules';
import { initialStreak, nextStreak, type StreakState, streakStatus } from '../../src/services/streak.rules';

const P: LocalDate = '2024-05-20';
const day = (offset: number): LocalDate => addDays(P, offset);

function streak(overrides: Partial<StreakState> = {}): StreakState {
  return { current: 9, longest: 9, graceDays: 1, lastDay: P, repairedOn: null, ...overrides };
}

describe('constants', () => {
  test('window 3 days before yesterday, cooldown 14 days, reflection 20..2000 chars', () => {
    expect(REPAIR_WINDOW_DAYS).toBe(3);
    expect(REPAIR_COOLDOWN_DAYS).toBe(14);
    expect(REFLECTION_MIN).toBe(20);
    expect(REFLECTION_MAX).toBe(2000);
  });
});

describe('recoveryEligibility: only a BROKEN streak can be repaired', () => {
  test.each<[string, StreakState, number]>([
    ['no streak (NONE)', initialStreak, 0],
    ['checked in today (ACTIVE)', streak(), 0],
    ['last day yesterday (AT_RISK)', streak(), 1],
    ['one missed day with grace (AT_RISK)', streak({ graceDays: 1 }), 2],
    ['two missed days with two grace days (AT_RISK)', streak({ graceDays: 2 }), 3],
    ['already repaired today (AT_RISK)', streak({ graceDays: 0, repairedOn: day(3) }), 3],
  ])('%s → closed, NOT_BROKEN', (_name, state, offset) => {
    expect(streakStatus(state, day(offset))).not.toBe('BROKEN');
    expect(recoveryEligibility(state, null, day(offset))).toEqual({ open: false, expiresOn: null, reason: 'NOT_BROKEN' });
  });
});

describe('recoveryEligibility: the window (last counted day at most 3 days before yesterday)', () => {
  test.each<[number, number, boolean]>([
    // grace days, today as days after P, open
    [0, 2, true], // yesterday = P+1: 1 day after P
    [0, 3, true],
    [0, 4, true], // yesterday = P+3: exactly 3 days
    [0, 5, false], // yesterday = P+4: too late
    [1, 3, true],
    [1, 4, true],
    [1, 5, false],
    [2, 4, true], // two grace days bridge two missed days: broken from P+4 only
    [2, 5, false],
    [1, 30, false],
  ])('grace %i, today P+%i → open: %s', (graceDays, offset, open) => {
    const state = streak({ graceDays });
    expect(streakStatus(state, day(offset))).toBe('BROKEN');
    const result = recoveryEligibility(state, null, day(offset));
    expect(result.open).toBe(open);
    if (open) {
      expect(result.reason).toBeUndefined();
      expect(result.expiresOn).toBe(day(4));
    } else {
      expect(result).toEqual({ open: false, expiresOn: null, reason: 'TOO_LATE' });
    }
  });

  test('the quest expires on P+4: open on that day, too late the day after', () => {
    const state = streak({ graceDays: 0 });
    const { expiresOn } = recoveryEligibility(state, null, day(2));
    expect(expiresOn).toBe(day(4));
    expect(recoveryEligibility(state, null, expiresOn!).open).toBe(true);
    expect(recoveryEligibility(state, null, addDays(expiresOn!, 1)).reason).toBe('TOO_LATE');
  });
});

describe('recoveryEligibility: at most one repair per 14 days', () => {
  const today = day(3);

  test.each<[string, LocalDate | null, boolean]>([
    ['never repaired', null, true],
    ['repaired today', today, false],
    ['repaired yesterday', addDays(today, -1), false],
    ['repaired 13 days ago', addDays(today, -13), false],
    ['repaired 14 days ago', addDays(today, -14), true],
    ['repaired 100 days ago', addDays(today, -100), true],
  ])('%s → open: %s', (_name, lastRepairOn, open) => {
    const result = recoveryEligibility(streak(), lastRepairOn, today);
    if (open) expect(result).toEqual({ open: true, expiresOn: day(4) });
    else expect(result).toEqual({ open: false, expiresOn: null, reason: 'COOLDOWN' });
  });

  test('too late wins over the cooldown', () => {
    expect(recoveryEligibility(streak(), addDays(day(9), -1), day(9)).reason).toBe('TOO_LATE');
  });
});

describe('a repair lets the next check-in continue the streak', () => {
  test('broken on P+3, repaired on P+3, check-in on P+3 continues from 9 to 10', () => {
    const state = streak({ graceDays: 1 });
    expect(recoveryEligibility(state, null, day(3)).open).toBe(true);
    const repaired: StreakState = { ...state, repairedOn: day(3) };
    expect(streakStatus(repaired, day(3))).toBe('AT_RISK');
    expect(recoveryEligibility(repaired, day(3), day(3)).reason).toBe('NOT_BROKEN');
    const t = nextStreak(repaired, day(3));
    expect(t.how).toBe('REPAIRED');
    expect(t.next).toMatchObject({ current: 10, graceDays: 1, repairedOn: null });
  });
});
