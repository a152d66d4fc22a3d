import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';

import type { StreakStatus } from '../services/streak.rules';
import type { GameEventType } from '../subscriptions/event-types';
import { Achievement, StreakStatusEnum } from './game.types';
import { DateTimeScalar } from './scalars';
import { TIME_EVENT_TYPE_NAMES } from './time-event-names';

/** The GraphQL object type of each stored event type: a new event type does not compile without one. */
export const TYPE_NAMES: Record<GameEventType, string> = {
  XP_GAINED: 'XpEvent',
  LEVEL_UP: 'LevelUpEvent',
  STREAK_UPDATED: 'StreakEvent',
  ACHIEVEMENT_UNLOCKED: 'AchievementEvent',
  CHECK_IN: 'CheckInEvent',
  INTENTION_SET: 'IntentionSetEvent',
  INTENTION_COMPLETED: 'IntentionCompletedEvent',
  SPRINT_STARTED: 'SprintStartedEvent',
  SPRINT_COMPLETED: 'SprintCompletedEvent',
  SPRINT_ABANDONED: 'SprintAbandonedEvent',
  GRACE_DAY_EARNED: 'GraceDayEarnedEvent',
  RECOVERY_QUEST_STARTED: 'RecoveryQuestStartedEvent',
  RECOVERY_QUEST_COMPLETED: 'RecoveryQuestCompletedEvent',
  ACHIEVEMENT_CLAIMED: 'AchievementClaimedEvent',
  TOOL_BOUGHT: 'ToolBoughtEvent',
  TOOL_USED: 'ToolUsedEvent',
  VITALS_CHANGED: 'VitalsChangedEvent',
  ROADMAP_TASK_COMPLETED: 'RoadmapTaskCompletedEvent',
  ROADMAP_TASK_REOPENED: 'RoadmapTaskReopenedEvent',
  ...TIME_EVENT_TYPE_NAMES,
};

@InterfaceType('GameEvent', {
  description:
    'Something that happened in a game, in commit order. `cursor` orders the events of a user; pass the last one seen as `after`.',
  resolveType: (event: { type: GameEventType }) => TYPE_NAMES[event.type],
})
export abstract class GameEvent {
  @Field(() => String, { description: "Position in the user's event log (increasing)." })
  cursor: string;

  @Field(() => ID)
  userId: string;

  @Field(() => DateTimeScalar)
  occurredAt: Date;
}

@ObjectType({ implements: GameEvent, description: 'XP was gained (a ledger row was written).' })
export class XpEvent extends GameEvent {
  @Field(() => Int)
  amount: number;

  @Field(() => String, { description: 'CHECK_IN, INTENTION, SPRINT, RECOVERY_QUEST, ACHIEVEMENT…' })
  source: string;

  @Field(() => Int, { description: 'Total XP after this gain.' })
  totalXp: number;

  @Field(() => Int, { description: 'Level after this gain.' })
  level: number;
}

@ObjectType({ implements: GameEvent, description: 'A new level was reached.' })
export class LevelUpEvent extends GameEvent {
  @Field(() => Int)
  level: number;
}

@ObjectType({ implements: GameEvent, description: 'The streak changed (check-in, repair, grace day).' })
export class StreakEvent extends GameEvent {
  @Field(() => Int)
  current: number;

  @Field(() => Int)
  longest: number;

  @Field(() => StreakStatusEnum, { description: 'Status when the event happened.' })
  status: StreakStatus;

  @Field(() => Int)
  graceDays: number;
}

@ObjectType({ implements: GameEvent, description: 'An achievement was unlocked (claim it to collect its XP).' })
export class AchievementEvent extends GameEvent {
  @Field(() => Achievement)
  achievement: Achievement;
}
