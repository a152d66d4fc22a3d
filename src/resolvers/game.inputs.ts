import { IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

import { SPRINT_MAX_MINUTES, SPRINT_MIN_MINUTES } from '../services/xp.rules';

@InputType({ description: 'A daily check-in; both fields optional.' })
export class CheckInInput {
  @Field(() => Int, { nullable: true, description: 'Mood 1..5.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  mood?: number | null;

  @Field(() => String, { nullable: true, description: 'Up to 1000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: "Today's one intention." })
export class DailyIntentionInput {
  @Field(() => String, { description: '3..280 characters.' })
  @IsString()
  @Length(3, 280)
  text: string;

  @Field(() => Int, { defaultValue: 1, description: 'Sprints planned for it, 1..8.' })
  @IsInt()
  @Min(1)
  @Max(8)
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
