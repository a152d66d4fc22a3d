import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DailyIntention } from './game.types';
import { DateTimeScalar } from './scalars';

export enum CoachStatusEnum {
  STREAMING = 'STREAMING',
  COMPLETE = 'COMPLETE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CoachStatusEnum, {
  name: 'CoachStatus',
  description:
    'STREAMING: still being written. COMPLETE: finished. FAILED: the provider failed or timed out (text so far kept). CANCELLED: stopped by its owner.',
});

export enum OnboardingStepEnum {
  VISION = 'VISION',
  GOALS = 'GOALS',
  INTENTION = 'INTENTION',
  DONE = 'DONE',
}
registerEnumType(OnboardingStepEnum, {
  name: 'OnboardingStep',
  description: 'Onboarding steps, in order: VISION → GOALS → INTENTION → DONE.',
});

export enum RoadmapLevelEnum {
  BEGINNER = 'BEGINNER',
  INTERMEDIATE = 'INTERMEDIATE',
  ADVANCED = 'ADVANCED',
}
registerEnumType(RoadmapLevelEnum, { name: 'RoadmapLevel', description: "The learner's starting level." });

@ObjectType({ description: 'One message of a coach conversation.' })
export class CoachMessage {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The conversation it belongs to.' })
  conversationId: string;

  @Field(() => String, { description: '"user" or "assistant".' })
  role: string;

  @Field(() => String, { description: 'The text so far (the whole text once finished).' })
  content: string;

  @Field(() => CoachStatusEnum)
  status: CoachStatusEnum;

  @Field(() => String, { description: 'Who wrote the reply: "openai" (or a compatible server) or "offline" (the rule-based coach).' })
  provider: string;

  @Field(() => Int, { description: 'Prompt tokens spent on this reply (from the provider, or estimated at ~4 characters per token).' })
  tokensIn: number;

  @Field(() => Int, { description: 'Reply tokens (from the provider, or estimated).' })
  tokensOut: number;

  @Field(() => Boolean, { description: 'True when the token counts are estimates rather than reported by the provider.' })
  tokensEstimated: boolean;

  @Field(() => String, { nullable: true, description: 'Why the reply FAILED.' })
  error: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the reply stopped streaming.' })
  finishedAt: Date | null;
}

@ObjectType({ description: 'A piece of a streamed coach reply. The deltas of a stream add up to the final content.' })
export class CoachChunk {
  @Field(() => ID)
  messageId: string;

  @Field(() => Int, { description: 'Position in the stream, from 0 (the first chunk of a late subscriber carries the text so far).' })
  seq: number;

  @Field(() => String, { description: 'Text added by this chunk.' })
  delta: string;

  @Field(() => Boolean, { description: 'True on the last chunk.' })
  done: boolean;

  @Field(() => String, { nullable: true, description: 'The whole text, on the last chunk.' })
  content?: string | null;

  @Field(() => CoachStatusEnum, { nullable: true, description: 'The status after this chunk; final on the last one.' })
  status?: CoachStatusEnum | null;

  @Field(() => String, { nullable: true, description: 'Why the stream failed, on a last chunk with status FAILED.' })
  error?: string | null;
}

@ObjectType({ description: 'A conversation with the coach.' })
export class CoachConversation {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'CHAT, ONBOARDING, ROADMAP (about one roadmap) or MENTOR (a mentor asking about one mentee).' })
  kind: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => [CoachMessage], { description: 'Oldest first.' })
  messages: CoachMessage[];
}

@ObjectType({ description: 'Where conversational onboarding stands; resumable at any time.' })
export class Onboarding {
  @Field(() => OnboardingStepEnum, { description: 'The step the next answer is for (DONE when finished).' })
  step: OnboardingStepEnum;

  @Field(() => String, { description: "The coach's current question (or closing words when DONE)." })
  question: string;

  @Field(() => String, { nullable: true, description: 'Your vision, once answered.' })
  vision: string | null;

  @Field(() => [String], { description: 'Your goals (up to three), once answered.' })
  goals: string[];

  @Field(() => DailyIntention, { nullable: true, description: "Today's intention set during onboarding." })
  intention: DailyIntention | null;

  @Field(() => ID, { description: 'The onboarding conversation (questions and answers).' })
  conversationId: string;

  @Field(() => DateTimeScalar)
  startedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt: Date | null;
}

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

  @Field(() => String, { description: 'LEARN, PRACTICE, BUILD, REVIEW or SHIP.' })
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
  @Field(() => Int, { description: 'Day of the week, 1..7.' })
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
