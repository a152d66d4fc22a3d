import { Field, ID, Int, ObjectType } from 'type-graphql';

import { MOOD_MAX, MOOD_MIN } from '../services/check-in.rules';
import { VITAL_MAX } from '../services/stats.rules';
import { GRACE_EARNED_EVERY, MAX_GRACE_DAYS } from '../services/streak.rules';
import { INVENTORY_CAP } from '../services/tool.rules';
import { Achievement, Tool } from './game.types';
import { GameEvent } from './game-event.types';
import { DateTimeScalar, LocalDateScalar } from './scalars';

/**
 * The GameEvent types a player's own actions cause (docs/events.md, the event types), besides the first four. A field name that
 * two event types share must have the same type in both (or one query selecting both does not validate).
 */

@ObjectType({ implements: GameEvent, description: 'A daily check-in was made (its note stays private to the check-in).' })
export class CheckInEvent extends GameEvent {
  @Field(() => ID, { description: 'The check-in.' })
  checkInId: string;

  @Field(() => LocalDateScalar, { description: 'The local day checked in.' })
  date: string;

  @Field(() => Int, { nullable: true, description: `Mood ${MOOD_MIN}..${MOOD_MAX}, when given.` })
  mood: number | null;

  @Field(() => Int, { description: 'Check-ins ever made, this one included.' })
  checkInsTotal: number;
}

@ObjectType({ implements: GameEvent, description: "The day's intention was set (its text stays in the intention)." })
export class IntentionSetEvent extends GameEvent {
  @Field(() => ID, { description: 'The intention.' })
  intentionId: string;

  @Field(() => LocalDateScalar, { description: 'The local day it is for.' })
  date: string;

  @Field(() => Int, { description: 'Sprints planned for it.' })
  targetSprints: number;
}

@ObjectType({ implements: GameEvent, description: "The day's intention was completed." })
export class IntentionCompletedEvent extends GameEvent {
  @Field(() => ID, { description: 'The intention.' })
  intentionId: string;

  @Field(() => LocalDateScalar, { description: 'The local day it was for.' })
  date: string;

  @Field(() => Int, { description: 'Intentions ever completed, this one included.' })
  intentionsCompleted: number;

  @Field(() => Int, { description: 'Clarity after it.' })
  clarity: number;
}

@ObjectType({ implements: GameEvent, description: 'A sprint started.' })
export class SprintStartedEvent extends GameEvent {
  @Field(() => ID, { description: 'The sprint.' })
  sprintId: string;

  @Field(() => Int, { description: 'Minutes planned.' })
  plannedMinutes: number;

  @Field(() => DateTimeScalar, { description: 'When it started.' })
  startedAt: Date;

  @Field(() => DateTimeScalar, { description: 'When it can be completed (start + planned minutes).' })
  endsAt: Date;
}

@ObjectType({ implements: GameEvent, description: 'A sprint was completed.' })
export class SprintCompletedEvent extends GameEvent {
  @Field(() => ID, { description: 'The sprint.' })
  sprintId: string;

  @Field(() => Int, { description: 'Minutes planned (and paid as XP).' })
  plannedMinutes: number;

  @Field(() => DateTimeScalar, { description: 'When it started.' })
  startedAt: Date;

  @Field(() => DateTimeScalar, { description: 'When it was completed.' })
  endedAt: Date;

  @Field(() => Int, { description: 'Sprints ever completed, this one included.' })
  sprintsCompleted: number;

  @Field(() => Int, { description: 'Discipline after it.' })
  discipline: number;
}

@ObjectType({ implements: GameEvent, description: 'A running sprint was abandoned.' })
export class SprintAbandonedEvent extends GameEvent {
  @Field(() => ID, { description: 'The sprint.' })
  sprintId: string;

  @Field(() => Int, { description: 'Minutes planned.' })
  plannedMinutes: number;

  @Field(() => DateTimeScalar, { description: 'When it started.' })
  startedAt: Date;

  @Field(() => DateTimeScalar, { description: 'When it was abandoned.' })
  endedAt: Date;
}

@ObjectType({ implements: GameEvent, description: `A grace day was earned (every ${GRACE_EARNED_EVERY}th day of a streak, at most ${MAX_GRACE_DAYS} held).` })
export class GraceDayEarnedEvent extends GameEvent {
  @Field(() => Int, { description: 'Grace days held after it.' })
  graceDays: number;

  @Field(() => Int, { description: 'The streak that earned it.' })
  streak: number;
}

@ObjectType({ implements: GameEvent, description: 'A recovery quest was opened (its prompt is in the quest).' })
export class RecoveryQuestStartedEvent extends GameEvent {
  @Field(() => ID, { description: 'The quest.' })
  questId: string;

  @Field(() => LocalDateScalar, { description: 'The last local day it can be completed.' })
  expiresOn: string;
}

@ObjectType({ implements: GameEvent, description: 'A recovery quest was completed: the break is repaired (the reflection stays private).' })
export class RecoveryQuestCompletedEvent extends GameEvent {
  @Field(() => ID, { description: 'The quest.' })
  questId: string;

  @Field(() => LocalDateScalar, { description: 'The local day of the repair.' })
  repairedOn: string;

  @Field(() => Int, { description: 'Resilience after it.' })
  resilience: number;
}

@ObjectType({ implements: GameEvent, description: 'An unlocked achievement was claimed (its XP follows as an XpEvent).' })
export class AchievementClaimedEvent extends GameEvent {
  @Field(() => Achievement, { description: 'The achievement claimed.' })
  achievement: Achievement;
}

@ObjectType({ implements: GameEvent, description: 'A tool was bought with loyalty.' })
export class ToolBoughtEvent extends GameEvent {
  @Field(() => Tool, { description: 'The tool bought.' })
  tool: Tool;

  @Field(() => Int, { description: 'How many of it are held now.' })
  quantity: number;

  @Field(() => Int, { description: `Items in the inventory now (at most ${INVENTORY_CAP}).` })
  inventoryCount: number;
}

@ObjectType({ implements: GameEvent, description: 'A tool was used: its effect applied and it left the inventory.' })
export class ToolUsedEvent extends GameEvent {
  @Field(() => Tool, { description: 'The tool used.' })
  tool: Tool;

  @Field(() => Int, { description: 'How many of it are left.' })
  quantity: number;

  @Field(() => Int, { description: 'Items in the inventory now.' })
  inventoryCount: number;
}

@ObjectType({ implements: GameEvent, description: 'Energy, fatigue or loyalty moved (one per action), with the values after it.' })
export class VitalsChangedEvent extends GameEvent {
  @Field(() => Int, { description: `Energy 0..${VITAL_MAX}.` })
  energy: number;

  @Field(() => Int, { description: `Fatigue 0..${VITAL_MAX}.` })
  fatigue: number;

  @Field(() => Int, { description: 'Loyalty, at least 0.' })
  loyalty: number;
}

@ObjectType({ implements: GameEvent, description: 'A roadmap task was completed (its XP follows as an XpEvent).' })
export class RoadmapTaskCompletedEvent extends GameEvent {
  @Field(() => ID, { description: 'The task.' })
  taskId: string;

  @Field(() => ID, { description: 'Its roadmap.' })
  roadmapId: string;

  @Field(() => Int, { description: 'XP it paid.' })
  xpAwarded: number;
}

@ObjectType({ implements: GameEvent, description: 'A completed roadmap task was taken back (its XP is taken back as an XpEvent).' })
export class RoadmapTaskReopenedEvent extends GameEvent {
  @Field(() => ID, { description: 'The task.' })
  taskId: string;

  @Field(() => ID, { description: 'Its roadmap.' })
  roadmapId: string;
}

/** Every type above: no field returns them by name, so the schema lists them (`orphanedTypes`). */
export const actionEventTypes = [
  CheckInEvent,
  IntentionSetEvent,
  IntentionCompletedEvent,
  SprintStartedEvent,
  SprintCompletedEvent,
  SprintAbandonedEvent,
  GraceDayEarnedEvent,
  RecoveryQuestStartedEvent,
  RecoveryQuestCompletedEvent,
  AchievementClaimedEvent,
  ToolBoughtEvent,
  ToolUsedEvent,
  VitalsChangedEvent,
  RoadmapTaskCompletedEvent,
  RoadmapTaskReopenedEvent,
];
