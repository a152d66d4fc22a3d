import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { Context } from '../context';
import type { GameStateView, UserView } from '../services/game-state.views';
import { INVITE_TTL_DAYS } from '../services/mentor.rules';
import type { MenteeView, MentorInviteView, MentorView } from '../services/mentor.views';
import { requireFound } from './found';
import { GameState } from './game.types';
import { Mentee, Mentor, MentorInvite } from './mentor.types';
import { MenteeField } from './reader-access';
import { User } from './user.types';

@Resolver(() => Mentee)
export class MentorResolver {
  @Query(() => [Mentee], { description: 'People you mentor, with dashboard figures, HIGH risk first.' })
  mentees(@Ctx() ctx: Context): Promise<MenteeView[]> {
    return ctx.services.mentors.mentees(ctx);
  }

  @Query(() => [Mentor], { description: 'People who mentor you (end a link with revokeMentor).' })
  mentors(@Ctx() ctx: Context): Promise<MentorView[]> {
    return ctx.services.mentors.mentors(ctx);
  }

  @Mutation(() => MentorInvite, {
    description: `Creates a single-use invite code (valid ${INVITE_TTL_DAYS} days) for you to hand to a mentor.`,
  })
  createMentorInvite(@Ctx() ctx: Context): Promise<MentorInviteView> {
    return ctx.services.mentors.createInvite(ctx);
  }

  @Mutation(() => Mentee, {
    description:
      "Accepts someone's invite: you become their mentor. Errors: NOT_FOUND, INVITE_USED, INVITE_EXPIRED, CANNOT_MENTOR_SELF, ALREADY_MENTORING.",
  })
  acceptMentorInvite(
    @Arg('code', () => String, { description: 'The invite code the mentee handed you.' }) code: string,
    @Ctx() ctx: Context,
  ): Promise<MenteeView> {
    return ctx.services.mentors.acceptInvite(ctx, code);
  }

  @Mutation(() => Boolean, { description: 'Ends your link with one of your mentors. False when there was no active link.' })
  revokeMentor(
    @Arg('mentorId', () => ID, { description: "The mentor's user id (see `mentors`)." }) mentorId: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.mentors.revokeMentor(ctx, mentorId);
  }

  @Mutation(() => Boolean, { description: 'Stops mentoring one of your mentees. False when there was no active link.' })
  stepDownAsMentor(
    @Arg('menteeId', () => ID, { description: "The mentee's user id (see `mentees`)." }) menteeId: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.mentors.stepDown(ctx, menteeId);
  }

  @FieldResolver(() => User, { description: 'The mentee (their email stays hidden from you).' })
  @MenteeField()
  async user(@Root() mentee: MenteeView, @Ctx() ctx: Context): Promise<UserView> {
    return requireFound(await ctx.loaders.user.load(mentee.userId), 'User');
  }

  @FieldResolver(() => GameState, { description: "The mentee's whole game state, as they see it." })
  @MenteeField()
  async gameState(@Root() mentee: MenteeView, @Ctx() ctx: Context): Promise<GameStateView> {
    return requireFound(await ctx.loaders.gameState.load(mentee.userId), 'Game state');
  }
}
