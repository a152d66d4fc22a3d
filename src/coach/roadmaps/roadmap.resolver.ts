import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';

import type { Context } from '../../context';
import { actionPayload } from '../../resolvers/current-game-state';
import { CoachMessage } from '../conversations/coach.types';
import { AskRoadmapAssistantInput, GenerateRoadmapInput } from './roadmap.inputs';
import { TASK_XP_IN_WORDS } from './roadmap.rules';
import { Roadmap, RoadmapTaskPayload } from './roadmap.types';

@Resolver()
export class RoadmapResolver {
  @Mutation(() => Roadmap, {
    description:
      'The coach writes a roadmap (weeks → days → tasks) toward a goal; validated, retried once if invalid, stored whole or not at all.',
  })
  generateRoadmap(@Arg('input', () => GenerateRoadmapInput) input: GenerateRoadmapInput, @Ctx() ctx: Context) {
    return ctx.services.roadmaps.generate(ctx, input);
  }

  @Query(() => Roadmap, { description: 'A roadmap: yours, or read-only for an active mentor.' })
  roadmap(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.roadmaps.get(ctx, id);
  }

  @Query(() => [Roadmap], { description: 'Your roadmaps, newest first.' })
  roadmaps(@Ctx() ctx: Context) {
    return ctx.services.roadmaps.list(ctx);
  }

  @Mutation(() => RoadmapTaskPayload, { description: `Completes a task of your roadmap: XP ${TASK_XP_IN_WORDS}.` })
  async completeRoadmapTask(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const outcome = await ctx.services.roadmaps.completeTask(ctx, id);
    return { ...(await actionPayload(ctx, outcome)), task: outcome.value };
  }

  @Mutation(() => RoadmapTaskPayload, { description: 'Takes a completion back: the XP it paid is taken back (xpGained is negative).' })
  async uncompleteRoadmapTask(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const outcome = await ctx.services.roadmaps.uncompleteTask(ctx, id);
    return { ...(await actionPayload(ctx, outcome)), task: outcome.value };
  }

  @Mutation(() => CoachMessage, {
    description: 'Asks about a roadmap, a week or a day; the answer streams like askCoach (follow coachStream).',
  })
  askRoadmapAssistant(@Arg('input', () => AskRoadmapAssistantInput) input: AskRoadmapAssistantInput, @Ctx() ctx: Context) {
    return ctx.services.coachReplies.askRoadmap(ctx, input);
  }
}
