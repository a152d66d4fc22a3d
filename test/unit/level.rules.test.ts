import { levelForXp, levelProgress, xpForLevel } from '../../src/services/level.rules';

describe('xpForLevel: reaching level L takes 50·L·(L−1) total XP', () => {
  test.each([
    [1, 0],
    [2, 100],
    [3, 300],
    [4, 600],
    [5, 1000],
    [6, 1500],
    [10, 4500],
    [100, 495_000],
  ])('level %i needs %i XP', (level, xp) => {
    expect(xpForLevel(level)).toBe(xp);
  });
});

describe('levelForXp', () => {
  test.each([
    [0, 1],
    [1, 1],
    [99, 1],
    [100, 2],
    [101, 2],
    [299, 2],
    [300, 3],
    [599, 3],
    [600, 4],
    [999, 4],
    [1000, 5],
    [1001, 5],
    [1499, 5],
    [1500, 6],
    [4499, 9],
    [4500, 10],
    [494_999, 99],
    [495_000, 100],
  ])('%i XP is level %i', (xp, level) => {
    expect(levelForXp(xp)).toBe(level);
  });

  test('negative XP stays at level 1', () => {
    expect(levelForXp(-5)).toBe(1);
  });

  test('every boundary up to level 2000 is exact: the threshold reaches L, one XP less does not', () => {
    for (let level = 2; level <= 2000; level += 1) {
      expect(levelForXp(xpForLevel(level))).toBe(level);
      expect(levelForXp(xpForLevel(level) - 1)).toBe(level - 1);
    }
  });

  test.each([100_000, 1_000_000, 9_999_999])('large level %i is exact at its boundary', (level) => {
    expect(levelForXp(xpForLevel(level))).toBe(level);
    expect(levelForXp(xpForLevel(level) - 1)).toBe(level - 1);
    expect(levelForXp(xpForLevel(level + 1) - 1)).toBe(level);
  });
});

describe('levelProgress: xpIntoLevel = xp − 50·L·(L−1), xpToNextLevel = 50·(L+1)·L − xp', () => {
  test.each([
    [0, 1, 0, 100],
    [1, 1, 1, 99],
    [50, 1, 50, 50],
    [99, 1, 99, 1],
    [100, 2, 0, 200],
    [101, 2, 1, 199],
    [299, 2, 199, 1],
    [300, 3, 0, 300],
    [301, 3, 1, 299],
    [599, 3, 299, 1],
    [600, 4, 0, 400],
    [999, 4, 399, 1],
    [1000, 5, 0, 500],
    [1234, 5, 234, 266],
    [4500, 10, 0, 1000],
    [1_000_000, 141, 13_000, 1_100],
  ])('%i XP → level %i, %i into level, %i to next', (xp, level, xpIntoLevel, xpToNextLevel) => {
    expect(levelProgress(xp)).toEqual({ level, xpIntoLevel, xpToNextLevel });
  });

  test('into + to-next always spans the level (100·L), with at least 1 XP still needed', () => {
    for (let xp = 0; xp <= 20_000; xp += 7) {
      const { level, xpIntoLevel, xpToNextLevel } = levelProgress(xp);
      expect(xpIntoLevel).toBeGreaterThanOrEqual(0);
      expect(xpToNextLevel).toBeGreaterThanOrEqual(1);
      expect(xpIntoLevel + xpToNextLevel).toBe(100 * level);
    }
  });
});
