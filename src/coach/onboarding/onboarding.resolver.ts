import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';

import type { Context } from '../../context';
import { MAX_GOALS } from './onboarding.rules';
import { Onboarding } from './onboarding.types';

@Resolver()
export class OnboardingResolver {
  @Query(() => Onboarding, { nullable: true, description: 'Your onboarding (null before it started).' })
  onboarding(@Ctx() ctx: Context) {
    return ctx.services.onboarding.state(ctx);
  }

  @Mutation(() => Onboarding, { description: 'Starts conversational onboarding, or resumes it where it stands.' })
  startOnboarding(@Ctx() ctx: Context) {
    return ctx.services.onboarding.start(ctx);
  }

  @Mutation(() => Onboarding, {
    description: `Answers the current onboarding question (goals: up to ${MAX_GOALS}, one per line); the coach asks the next one.`,
  })
  answerOnboarding(@Arg('answer', () => String) answer: string, @Ctx() ctx: Context) {
    return ctx.services.onboarding.answer(ctx, answer);
  }
}
