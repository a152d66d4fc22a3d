import type { GameEventType } from '../subscriptions/event-types';

/** GraphQL type names of the events that time causes (day close) and of grace days spent. */
export const TIME_EVENT_TYPE_NAMES = {
  GRACE_DAYS_USED: 'GraceDaysUsedEvent',
  INTENTION_FAILED: 'IntentionFailedEvent',
  RECOVERY_QUEST_EXPIRED: 'RecoveryQuestExpiredEvent',
  STREAK_AT_RISK: 'StreakAtRiskEvent',
  STREAK_BROKEN: 'StreakBrokenEvent',
  RECOVERY_QUEST_OFFERED: 'RecoveryQuestOfferedEvent',
  DAY_CLOSED: 'DayClosedEvent',
} as const satisfies Partial<Record<GameEventType, string>>;
