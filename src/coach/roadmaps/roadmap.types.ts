import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { ActionPayload } from '../../resolvers/game.types';
import { DateTimeScalar } from '../../resolvers/scalars';
import { DAYS_PER_WEEK, ROADMAP_CATEGORIES } from './roadmap.rules';

export enum RoadmapLevelEnum {
  BEGINNER = 'BEGINNER',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
}
registerEnumType(RoadmapLevelEnum, { name: 'RoadmapLevel', description: "The learner's starting level." });

@ObjectType({ description: 'One task of a roadmap day.' })
export class RoadmapTask {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Order within the day, from 1.' })
  position: number;

  @Field(() => String)
  title: string;

  @Field(() => Int, { description: 'Estimated effort in minutes.' })
  effortMinutes: number;

  @Field(() => String, { description: `One of ${ROADMAP_CATEGORIES.join(', ')}.` })
  category: string;

  @Field(() => Boolean)
  completed: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt: Date | null;

  @Field(() => Int, { description: 'XP the completion paid (0 when not completed).' })
  xpAwarded: number;
}

@ObjectType({ description: 'One day of a roadmap week.' })
export class RoadmapDay {
  @Field(() => Int, { description: `Day of the week, 1..${DAYS_PER_WEEK}.` })
  day: number;

  @Field(() => String)
  focus: string;

  @Field(() => [RoadmapTask])
  tasks: RoadmapTask[];
}

@ObjectType({ description: 'One week of a roadmap.' })
export class RoadmapWeek {
  @Field(() => Int, { description: 'Week number, from 1.' })
  week: number;

  @Field(() => String)
  theme: string;

  @Field(() => [RoadmapDay])
  days: RoadmapDay[];
}

@ObjectType({ description: 'A roadmap toward a goal: weeks → days → tasks, written by the coach.' })
export class Roadmap {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  goal: string;

  @Field(() => String)
  title: string;

  @Field(() => Int)
  durationWeeks: number;

  @Field(() => Float)
  hoursPerDay: number;

  @Field(() => RoadmapLevelEnum)
  level: RoadmapLevelEnum;

  @Field(() => String, { description: '"openai" or "offline": who wrote it.' })
  provider: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => [RoadmapWeek])
  weeks: RoadmapWeek[];

  @Field(() => Int)
  tasksTotal: number;

  @Field(() => Int)
  tasksCompleted: number;
}

@ObjectType({ description: 'What completing or uncompleting a roadmap task changed.' })
export class RoadmapTaskPayload extends ActionPayload {
  @Field(() => RoadmapTask)
  task: RoadmapTask;
}
