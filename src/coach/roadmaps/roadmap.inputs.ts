import { IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { DAYS_PER_WEEK, MAX_HOURS_PER_DAY, MAX_WEEKS, MIN_HOURS_PER_DAY, ROADMAP_GOAL_MAX, ROADMAP_GOAL_MIN } from './roadmap.rules';
import { RoadmapLevelEnum } from './roadmap.types';

@InputType({ description: 'What a roadmap should get you to.' })
export class GenerateRoadmapInput {
  @Field(() => String, { description: `The goal, ${ROADMAP_GOAL_MIN}..${ROADMAP_GOAL_MAX} characters.` })
  @IsString()
  @Length(ROADMAP_GOAL_MIN, ROADMAP_GOAL_MAX)
  goal: string;

  @Field(() => Int, { description: `Length in weeks, 1..${MAX_WEEKS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_WEEKS)
  durationWeeks: number;

  @Field(() => Float, { description: `Hours available per day, ${MIN_HOURS_PER_DAY}..${MAX_HOURS_PER_DAY}.` })
  @IsNumber()
  @Min(MIN_HOURS_PER_DAY)
  @Max(MAX_HOURS_PER_DAY)
  hoursPerDay: number;

  @Field(() => RoadmapLevelEnum, { defaultValue: RoadmapLevelEnum.BEGINNER, description: 'Your starting level.' })
  @IsEnum(RoadmapLevelEnum)
  level: RoadmapLevelEnum;
}

@InputType({ description: 'A question about a roadmap, one of its weeks, or one day of a week.' })
export class AskRoadmapAssistantInput {
  @Field(() => ID)
  @IsUUID()
  roadmapId: string;

  @Field(() => Int, { nullable: true, description: 'Only this week (from 1).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  week?: number | null;

  @Field(() => Int, { nullable: true, description: `Only this day (1..${DAYS_PER_WEEK}) of \`week\`.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(DAYS_PER_WEEK)
  day?: number | null;

  @Field(() => String, { description: 'Your question.' })
  @IsString()
  question: string;
}
