import { type AchievementCode, earnedAchievements, type Progress } from '../../src/services/achievement.rules';

const nothing: Progress = { checkInsTotal: 0, streak: 0, sprintsCompleted: 0, intentionsCompleted: 0, level: 1 };

describe('earnedAchievements: each condition at its threshold and one below', () => {
  test('nothing done → nothing earned', () => {
    expect(earnedAchievements(nothing)).toEqual([]);
  });

  test.each<[string, Partial<Progress>, AchievementCode[]]>([
    ['first check-in', { checkInsTotal: 1 }, ['FIRST_CHECK_IN']],
    ['streak 2', { streak: 2 }, []],
    ['streak 3', { streak: 3 }, ['STREAK_3']],
    ['streak 6', { streak: 6 }, ['STREAK_3']],
    ['streak 7', { streak: 7 }, ['STREAK_3', 'STREAK_7']],
    ['streak 29', { streak: 29 }, ['STREAK_3', 'STREAK_7']],
    ['streak 30', { streak: 30 }, ['STREAK_3', 'STREAK_7', 'STREAK_30']],
    ['first sprint', { sprintsCompleted: 1 }, ['FIRST_SPRINT']],
    ['9 sprints', { sprintsCompleted: 9 }, ['FIRST_SPRINT']],
    ['10 sprints', { sprintsCompleted: 10 }, ['FIRST_SPRINT', 'SPRINTS_10']],
    ['49 sprints', { sprintsCompleted: 49 }, ['FIRST_SPRINT', 'SPRINTS_10']],
    ['50 sprints', { sprintsCompleted: 50 }, ['FIRST_SPRINT', 'SPRINTS_10', 'SPRINTS_50']],
    ['an 89-minute sprint', { sprintsCompleted: 1, completedSprintMinutes: 89 }, ['FIRST_SPRINT']],
    ['a 90-minute sprint', { sprintsCompleted: 1, completedSprintMinutes: 90 }, ['FIRST_SPRINT', 'DEEP_WORK']],
    ['a 180-minute sprint', { sprintsCompleted: 1, completedSprintMinutes: 180 }, ['FIRST_SPRINT', 'DEEP_WORK']],
    ['6 intentions', { intentionsCompleted: 6 }, []],
    ['7 intentions', { intentionsCompleted: 7 }, ['INTENTIONS_7']],
    ['level 4', { level: 4 }, []],
    ['level 5', { level: 5 }, ['LEVEL_5']],
    ['level 9', { level: 9 }, ['LEVEL_5']],
    ['level 10', { level: 10 }, ['LEVEL_5', 'LEVEL_10']],
    ['recovery not completed', { recoveryCompleted: false }, []],
    ['a completed recovery quest', { recoveryCompleted: true }, ['COMEBACK']],
  ])('%s → %j', (_name, progress, expected) => {
    expect([...earnedAchievements({ ...nothing, ...progress })].sort()).toEqual([...expected].sort());
  });

  test('DEEP_WORK needs the sprint just completed: past sprint totals alone do not earn it', () => {
    expect(earnedAchievements({ ...nothing, sprintsCompleted: 50 })).not.toContain('DEEP_WORK');
  });

  test('everything at once earns all 12 achievements', () => {
    const all = earnedAchievements({
      checkInsTotal: 100,
      streak: 30,
      sprintsCompleted: 50,
      completedSprintMinutes: 90,
      intentionsCompleted: 7,
      level: 10,
      recoveryCompleted: true,
    });
    expect(new Set(all)).toEqual(
      new Set([
        'FIRST_CHECK_IN',
        'STREAK_3',
        'STREAK_7',
        'STREAK_30',
        'FIRST_SPRINT',
        'SPRINTS_10',
        'SPRINTS_50',
        'DEEP_WORK',
        'INTENTIONS_7',
        'LEVEL_5',
        'LEVEL_10',
        'COMEBACK',
      ]),
    );
    expect(all).toHaveLength(12);
  });
});
