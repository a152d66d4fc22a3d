import type { LocalDate } from '../lib/local-day';
import type { IntentionStatus } from './intention.rules';
import type { StreakStatus } from './streak.rules';

/** Read models served by the API: plain objects, one per GraphQL type. */
export interface UserView {
  id: string;
  displayName: string;
  timezone: string;
  createdAt: Date;
  email: string;
  /** Set where the user is known to be the caller even before the request carried a token (sign-in). */
  isViewer?: boolean;
}

export interface IntentionView {
  id: string;
  date: LocalDate;
  text: string;
  targetSprints: number;
  status: IntentionStatus;
}

export interface SprintView {
  id: string;
  plannedMinutes: number;
  status: 'RUNNING' | 'COMPLETED' | 'ABANDONED';
  startedAt: Date;
  endedAt: Date | null;
  intentionId: string | null;
}

export interface RecoveryQuestView {
  id: string;
  prompt: string;
  status: 'OPEN' | 'COMPLETED' | 'EXPIRED';
  expiresOn: LocalDate;
}

export interface AchievementView {
  code: string;
  name: string;
  description: string;
  rewardXp: number;
}

export interface AchievementStatusView {
  achievement: AchievementView;
  unlockedAt: Date | null;
  claimedAt: Date | null;
}

export interface ToolView {
  code: string;
  name: string;
  cost: number;
  description: string;
}

export interface InventoryItemView {
  tool: ToolView;
  quantity: number;
}

export interface StreakView {
  current: number;
  longest: number;
  graceDays: number;
  status: StreakStatus;
  lastCheckInDate: LocalDate | null;
  expiresAt: Date | null;
}

export interface GameStateView {
  user: UserView;
  today: LocalDate;
  level: number;
  xp: number;
  xpIntoLevel: number;
  xpToNextLevel: number;
  stats: { clarity: number; discipline: number; resilience: number };
  energy: number;
  fatigue: number;
  loyalty: number;
  streak: StreakView;
  checkedInToday: boolean;
  todayIntention: IntentionView | null;
  activeSprint: SprintView | null;
  recoveryQuest: RecoveryQuestView | null;
  recoveryQuestAvailable: boolean;
  achievements: AchievementStatusView[];
  inventory: InventoryItemView[];
}
