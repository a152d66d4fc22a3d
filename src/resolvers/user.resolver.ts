import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';

import type { Context } from '../context';
import type { GameStateView, UserView } from '../services/game-state.views';
import { requireFound } from './found';
import { GameState } from './game.types';
import { Access, requireReader, UserField } from './reader-access';
import { User } from './user.types';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'The signed-in user.' })
  async me(@Ctx() ctx: Context): Promise<UserView> {
    return requireFound(await ctx.loaders.user.load(ctx.session.requireUserId()), 'User');
  }

  @Query(() => User, { description: 'A user you may read: yourself or someone you actively mentor (read-only). Anyone else is FORBIDDEN.' })
  async user(@Arg('id', () => ID, { description: "Your own id or a mentee's." }) id: string, @Ctx() ctx: Context): Promise<UserView> {
    await requireReader(ctx, id);
    return requireFound(await ctx.loaders.user.load(id), 'User');
  }

  @FieldResolver(() => GameState)
  @UserField(Access.READER)
  async gameState(@Root() user: UserView, @Ctx() ctx: Context): Promise<GameStateView> {
    return requireFound(await ctx.loaders.gameState.load(user.id), 'Game state');
  }
}
