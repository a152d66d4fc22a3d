export type AchievementCode =
  | 'FIRST_CHECK_IN'
  | 'STREAK_3'
  | 'STREAK_7'
  | 'STREAK_30'
  | 'FIRST_SPRINT'
  | 'SPRINTS_10'
  | 'SPRINTS_50'
  | 'DEEP_WORK'
  | 'INTENTIONS_7'
  | 'LEVEL_5'
  | 'LEVEL_10'
  | 'COMEBACK';

/** What an action has just achieved; each achievement's condition reads one of these. */
export interface Progress {
  checkInsTotal: number;
  streak: number;
  sprintsCompleted: number;
  /** Minutes of the sprint just completed, if the action completed one. */
  completedSprintMinutes?: number;
  intentionsCompleted: number;
  level: number;
  recoveryCompleted?: boolean;
}

const CONDITIONS: Record<AchievementCode, (p: Progress) => boolean> = {
  FIRST_CHECK_IN: (p) => p.checkInsTotal >= 1,
  STREAK_3: (p) => p.streak >= 3,
  STREAK_7: (p) => p.streak >= 7,
  STREAK_30: (p) => p.streak >= 30,
  FIRST_SPRINT: (p) => p.sprintsCompleted >= 1,
  SPRINTS_10: (p) => p.sprintsCompleted >= 10,
  SPRINTS_50: (p) => p.sprintsCompleted >= 50,
  DEEP_WORK: (p) => (p.completedSprintMinutes ?? 0) >= 90,
  INTENTIONS_7: (p) => p.intentionsCompleted >= 7,
  LEVEL_5: (p) => p.level >= 5,
  LEVEL_10: (p) => p.level >= 10,
  COMEBACK: (p) => p.recoveryCompleted === true,
};

/** Every achievement whose condition `progress` meets (already unlocked ones are filtered by the caller). */
export function earnedAchievements(progress: Progress): AchievementCode[] {
  return (Object.keys(CONDITIONS) as AchievementCode[]).filter((code) => CONDITIONS[code](progress));
}
