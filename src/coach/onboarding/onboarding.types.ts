import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

import { DailyIntention } from '../../resolvers/game.types';
import { DateTimeScalar } from '../../resolvers/scalars';
import { MAX_GOALS } from './onboarding.rules';

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

@ObjectType({ description: 'Where conversational onboarding stands; resumable at any time.' })
export class Onboarding {
  @Field(() => OnboardingStepEnum, { description: 'The step the next answer is for (DONE when finished).' })
  step: OnboardingStepEnum;

  @Field(() => String, { description: "The coach's current question (or closing words when DONE)." })
  question: string;

  @Field(() => String, { nullable: true, description: 'Your vision, once answered.' })
  vision: string | null;

  @Field(() => [String], { description: `Your goals (up to ${MAX_GOALS}), once answered.` })
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
