import { SPRINT_MAX_MINUTES, SPRINT_MIN_ENERGY, SPRINT_MIN_MINUTES } from '../../src/services/sprint.rules';
import { applyVitals, type Vitals } from '../../src/services/stats.rules';
import {
  achievementXp,
  CHECK_IN_STREAK_BONUS_CAP,
  checkInVitals,
  checkInXp,
  intentionVitals,
  intentionXp,
  recoveryVitals,
  recoveryXp,
  sprintVitals,
  sprintXp,
} from '../../src/services/xp.rules';

const start: Vitals = { energy: 50, fatigue: 0, loyalty: 0, clarity: 0, discipline: 0, resilience: 0 };

describe('checkIn: 10 + min(streak, 20) XP with the streak after the update', () => {
  test.each([
    [1, 11],
    [2, 12],
    [7, 17],
    [19, 29],
    [20, 30],
    [21, 30],
    [30, 30],
    [365, 30],
  ])('streak %i → %i XP', (streak, amount) => {
    expect(checkInXp(streak).amount).toBe(amount);
  });

  test('the ledger row explains the amount', () => {
    expect(checkInXp(4)).toEqual({ amount: 14, rule: '10 + min(streak, 20)', inputs: { streak: 4 } });
    expect(CHECK_IN_STREAK_BONUS_CAP).toBe(20);
  });

  test('vitals: energy +10, fatigue −10, loyalty +5', () => {
    expect(checkInVitals).toEqual({ energy: 10, fatigue: -10, loyalty: 5 });
    expect(applyVitals(start, checkInVitals)).toEqual({ ...start, energy: 60, fatigue: 0, loyalty: 5 });
  });
});

describe('completeDailyIntention: 50 XP, clarity +1, loyalty +5', () => {
  test('amount and vitals', () => {
    expect(intentionXp().amount).toBe(50);
    expect(intentionXp().rule).toMatch(/50/);
    expect(intentionVitals).toEqual({ clarity: 1, loyalty: 5 });
  });
});

describe('completeSprint: plannedMinutes XP; discipline +1, energy −⌊p/5⌋, fatigue +⌊p/5⌋, loyalty +1', () => {
  test.each([5, 25, 90, 180])('%i minutes → %i XP', (minutes) => {
    expect(sprintXp(minutes)).toEqual({ amount: minutes, rule: 'plannedMinutes', inputs: { plannedMinutes: minutes } });
  });

  test.each([
    [5, 1],
    [9, 1],
    [10, 2],
    [24, 4],
    [25, 5],
    [29, 5],
    [30, 6],
    [89, 17],
    [90, 18],
    [179, 35],
    [180, 36],
  ])('%i minutes → load %i', (minutes, load) => {
    expect(sprintVitals(minutes)).toEqual({ discipline: 1, energy: -load, fatigue: load, loyalty: 1 });
  });

  test('a 180-minute sprint from the start state: energy 14, fatigue 36', () => {
    expect(applyVitals(start, sprintVitals(180))).toEqual({ ...start, energy: 14, fatigue: 36, loyalty: 1, discipline: 1 });
  });

  test('sprint limits: 5..180 minutes, energy ≥ 10 to start', () => {
    expect(SPRINT_MIN_MINUTES).toBe(5);
    expect(SPRINT_MAX_MINUTES).toBe(180);
    expect(SPRINT_MIN_ENERGY).toBe(10);
  });
});

describe('completeRecoveryQuest: 25 XP, resilience +2', () => {
  test('amount and vitals', () => {
    expect(recoveryXp().amount).toBe(25);
    expect(recoveryVitals).toEqual({ resilience: 2 });
  });
});

describe('claimAchievement: the achievement reward', () => {
  test.each([
    ['FIRST_CHECK_IN', 20],
    ['STREAK_30', 500],
  ])('%s pays %i', (code, reward) => {
    expect(achievementXp(code, reward)).toEqual({ amount: reward, rule: `achievement ${code} reward`, inputs: { achievement: code } });
  });
});
