import { Field, ID, Int, ObjectType } from 'type-graphql';

import { IntentionStatusEnum } from './game.types';
import { GameEvent } from './game-event.types';
import { DateTimeScalar, LocalDateScalar } from './scalars';

@ObjectType({ implements: GameEvent, description: 'A check-in bridged missed days: one grace day spent per missed day.' })
export class GraceDaysUsedEvent extends GameEvent {
  @Field(() => Int, { description: 'Grace days spent by this check-in.' })
  count: number;

  @Field(() => Int, { description: 'Grace days still held.' })
  graceDays: number;
}

@ObjectType({ implements: GameEvent, description: 'A day closed with its intention still pending: it is FAILED (shown, never punished).' })
export class IntentionFailedEvent extends GameEvent {
  @Field(() => ID)
  intentionId: string;

  @Field(() => LocalDateScalar, { description: 'The local day of the intention.' })
  date: string;
}

@ObjectType({ implements: GameEvent, description: 'A recovery quest was not completed in time.' })
export class RecoveryQuestExpiredEvent extends GameEvent {
  @Field(() => ID)
  questId: string;

  @Field(() => LocalDateScalar, { description: 'The last day it could have been completed.' })
  expiresOn: string;
}

@ObjectType({ implements: GameEvent, description: 'A day closed without a check-in, and a check-in tomorrow still continues the streak.' })
export class StreakAtRiskEvent extends GameEvent {
  @Field(() => Int)
  current: number;

  @Field(() => DateTimeScalar, { description: 'The first instant at which a check-in no longer continues the streak.' })
  expiresAt: Date;

  @Field(() => Int, { description: 'Grace days held.' })
  graceDays: number;

  @Field(() => Int, { description: 'Grace days a check-in tomorrow would spend (one per missed day).' })
  graceDaysNeeded: number;
}

@ObjectType({ implements: GameEvent, description: 'The day close at which the streak broke (announced once per break).' })
export class StreakBrokenEvent extends GameEvent {
  @Field(() => Int, { description: 'The streak that was lost.' })
  lost: number;

  @Field(() => Int)
  longest: number;

  @Field(() => Boolean, { description: 'Whether a recovery quest can repair the break.' })
  recoveryQuestAvailable: boolean;
}

@ObjectType({ implements: GameEvent, description: 'A recovery quest is open for the break just announced.' })
export class RecoveryQuestOfferedEvent extends GameEvent {
  @Field(() => LocalDateScalar, { description: 'The last local day on which the quest can be completed.' })
  expiresOn: string;
}

@ObjectType({ implements: GameEvent, description: 'A local day ended: its summary (one per user and day).' })
export class DayClosedEvent extends GameEvent {
  @Field(() => LocalDateScalar)
  date: string;

  @Field(() => Boolean)
  checkedIn: boolean;

  @Field(() => Int, { nullable: true, description: "The check-in's mood (1..5), if any." })
  mood: number | null;

  @Field(() => IntentionStatusEnum, { nullable: true, description: "The day's intention, if one was set." })
  intentionStatus: IntentionStatusEnum | null;

  @Field(() => Int)
  sprintsCompleted: number;

  @Field(() => Int)
  sprintMinutes: number;

  @Field(() => Int, { description: 'XP gained that day.' })
  xp: number;

  @Field(() => Int, { description: 'Energy when the day closed.' })
  energy: number;

  @Field(() => Int, { description: 'Fatigue when the day closed.' })
  fatigue: number;

  @Field(() => Boolean, { description: 'Whether the day was inside a vacation.' })
  vacation: boolean;
}

/** Listed so the schema includes them (they are only reached through the GameEvent interface). */
export const timeEventTypes = [
  GraceDaysUsedEvent,
  IntentionFailedEvent,
  RecoveryQuestExpiredEvent,
  StreakAtRiskEvent,
  StreakBrokenEvent,
  RecoveryQuestOfferedEvent,
  DayClosedEvent,
] as const;
