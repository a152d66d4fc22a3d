import { IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

import { CHECK_IN_NOTE_MAX, MOOD_MAX, MOOD_MIN } from '../services/check-in.rules';
import {
  INTENTION_TEXT_MAX,
  INTENTION_TEXT_MIN,
  TARGET_SPRINTS_DEFAULT,
  TARGET_SPRINTS_MAX,
  TARGET_SPRINTS_MIN,
} from '../services/intention.rules';
import { SPRINT_MAX_MINUTES, SPRINT_MIN_MINUTES } from '../services/sprint.rules';

@InputType({ description: 'A daily check-in; both fields optional.' })
export class CheckInInput {
  @Field(() => Int, { nullable: true, description: `Mood ${MOOD_MIN}..${MOOD_MAX}.` })
  @IsOptional()
  @IsInt()
  @Min(MOOD_MIN)
  @Max(MOOD_MAX)
  mood?: number | null;

  @Field(() => String, { nullable: true, description: `Up to ${CHECK_IN_NOTE_MAX} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(CHECK_IN_NOTE_MAX)
  note?: string | null;
}

@InputType({ description: "Today's one intention." })
export class DailyIntentionInput {
  @Field(() => String, { description: `${INTENTION_TEXT_MIN}..${INTENTION_TEXT_MAX} characters.` })
  @IsString()
  @Length(INTENTION_TEXT_MIN, INTENTION_TEXT_MAX)
  text: string;

  @Field(() => Int, {
    defaultValue: TARGET_SPRINTS_DEFAULT,
    description: `Sprints planned for it, ${TARGET_SPRINTS_MIN}..${TARGET_SPRINTS_MAX}.`,
  })
  @IsInt()
  @Min(TARGET_SPRINTS_MIN)
  @Max(TARGET_SPRINTS_MAX)
  targetSprints: number;
}

@InputType({ description: 'A sprint to start.' })
export class StartSprintInput {
  @Field(() => Int, { description: `${SPRINT_MIN_MINUTES}..${SPRINT_MAX_MINUTES} minutes.` })
  @IsInt()
  @Min(SPRINT_MIN_MINUTES)
  @Max(SPRINT_MAX_MINUTES)
  plannedMinutes: number;

  @Field(() => ID, { nullable: true, description: 'The intention this sprint works on (one of your own).' })
  @IsOptional()
  @IsUUID()
  intentionId?: string | null;
}
