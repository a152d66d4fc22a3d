/** The level curve's step: reaching level L takes XP_STEP·L·(L−1) total XP. */
export const LEVEL_XP_STEP = 50;

/** Total XP needed to reach `level`: 50·L·(L−1) (L2 at 100, L3 at 300, L4 at 600, L5 at 1000). */
export function xpForLevel(level: number): number {
  return LEVEL_XP_STEP * level * (level - 1);
}

/** The level a total of `xp` reaches. */
export function levelForXp(xp: number): number {
  // Solve 50·L·(L−1) ≤ xp for the largest L, then correct for floating point at the boundary.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (4 * Math.max(0, xp)) / LEVEL_XP_STEP)) / 2));
  while (xpForLevel(level + 1) <= xp) level += 1;
  while (level > 1 && xpForLevel(level) > xp) level -= 1;
  return level;
}

export interface LevelProgress {
  level: number;
  /** XP earned since the current level was reached. */
  xpIntoLevel: number;
  /** XP still needed for the next level. */
  xpToNextLevel: number;
}

export function levelProgress(xp: number): LevelProgress {
  const level = levelForXp(xp);
  return { level, xpIntoLevel: xp - xpForLevel(level), xpToNextLevel: xpForLevel(level + 1) - xp };
}
