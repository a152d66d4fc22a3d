/** Shapes of the GraphQL results the dashboard reads (schema.graphql names). */
export type StreakStatus = 'NONE' | 'ACTIVE' | 'AT_RISK' | 'BROKEN';
export type Risk = 'LOW' | 'MEDIUM' | 'HIGH';

export interface Achievement {
  code: string;
  name: string;
  description: string;
  rewardXp: number;
}

export interface AchievementStatus {
  achievement: Achievement;
  unlockedAt: string | null;
  claimedAt: string | null;
}

export interface Tool {
  code: string;
  name: string;
  cost: number;
  description: string;
}

export interface Sprint {
  id: string;
  plannedMinutes: number;
  status: 'RUNNING' | 'COMPLETED' | 'ABANDONED';
  startedAt: string;
  endedAt: string | null;
}

export interface DailyIntention {
  id: string;
  date: string;
  text: string;
  targetSprints: number;
  status: 'PENDING' | 'COMPLETED' | 'FAILED';
}

export interface RecoveryQuest {
  id: string;
  prompt: string;
  status: 'OPEN' | 'COMPLETED' | 'EXPIRED';
  expiresOn: string;
}

export interface GameState {
  today: string;
  level: number;
  xp: number;
  xpIntoLevel: number;
  xpToNextLevel: number;
  energy: number;
  fatigue: number;
  loyalty: number;
  checkedInToday: boolean;
  recoveryQuestAvailable?: boolean;
  stats: { clarity: number; discipline: number; resilience: number };
  streak: { current: number; longest: number; graceDays: number; status: StreakStatus; lastCheckInDate: string | null; expiresAt: string | null };
  todayIntention: DailyIntention | null;
  activeSprint: Sprint | null;
  recoveryQuest: RecoveryQuest | null;
  achievements: AchievementStatus[];
  inventory: { tool: Tool; quantity: number }[];
}

export interface UserSummary {
  id: string;
  displayName: string;
  timezone: string;
}

interface EventBase {
  cursor: string;
  userId: string;
  occurredAt: string;
}

export type GameEvent =
  | (EventBase & { __typename: 'XpEvent'; amount: number; source: string; totalXp: number; level: number })
  | (EventBase & { __typename: 'StreakEvent'; current: number; longest: number; status: StreakStatus })
  | (EventBase & { __typename: 'AchievementEvent'; achievement: Achievement })
  | (EventBase & { __typename: 'LevelUpEvent'; level: number })
  | (EventBase & { __typename: 'VitalsChangedEvent'; energy: number; fatigue: number; loyalty: number })
  | (EventBase & { __typename: 'CheckInEvent'; date: string; mood: number | null })
  | (EventBase & { __typename: 'SprintStartedEvent' | 'SprintCompletedEvent' | 'SprintAbandonedEvent'; plannedMinutes: number })
  | (EventBase & { __typename: 'AchievementClaimedEvent'; achievement: Achievement })
  | (EventBase & { __typename: 'ToolBoughtEvent' | 'ToolUsedEvent'; tool: { name: string } })
  | (EventBase & { __typename: OtherEventName });

/** Event types the dashboard lists by name only (a refetch redraws what they changed). */
type OtherEventName =
  | 'IntentionSetEvent'
  | 'IntentionCompletedEvent'
  | 'GraceDayEarnedEvent'
  | 'RecoveryQuestStartedEvent'
  | 'RecoveryQuestCompletedEvent'
  | 'RoadmapTaskCompletedEvent'
  | 'RoadmapTaskReopenedEvent';

export interface Mentee {
  user: UserSummary;
  adherence7: number;
  adherence30: number;
  risk: Risk;
  gameState: Pick<GameState, 'level' | 'xp' | 'checkedInToday' | 'energy'> & { streak: Pick<GameState['streak'], 'current' | 'longest' | 'status'> };
}

export type CoachStatus = 'STREAMING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';

export interface CoachMessage {
  id: string;
  conversationId?: string;
  role: string;
  content: string;
  status: CoachStatus;
  provider?: string;
}

export interface CoachChunk {
  messageId: string;
  delta: string;
  done: boolean;
  content: string | null;
}
