import { IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { MAX_HOURS_PER_DAY, MAX_WEEKS } from './roadmap.rules';
import { RoadmapLevelEnum } from './roadmap.types';

@InputType({ description: 'What a roadmap should get you to.' })
export class GenerateRoadmapInput {
  @Field(() => String, { description: 'The goal, 3..300 characters.' })
  @IsString()
  @Length(3, 300)
  goal: string;

  @Field(() => Int, { description: `Length in weeks, 1..${MAX_WEEKS}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_WEEKS)
  durationWeeks: number;

  @Field(() => Float, { description: `Hours available per day (more than 0, at most ${MAX_HOURS_PER_DAY}).` })
  @IsNumber()
  @Min(0.25)
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

  @Field(() => Int, { nullable: true, description: 'Only this day (1..7) of `week`.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  day?: number | null;

  @Field(() => String, { description: 'Your question.' })
  @IsString()
  question: string;
}
