import { Ctx, Query, Resolver } from 'type-graphql';

import type { Context } from '../context';
import type { AchievementStatusView, GameStateView, ToolView } from '../services/game-state.views';
import { currentGameState } from './current-game-state';
import { AchievementStatus, GameState, Tool } from './game.types';

@Resolver(() => GameState)
export class GameStateResolver {
  @Query(() => GameState, { description: "The caller's whole game screen, loaded with one SQL statement." })
  gameState(@Ctx() ctx: Context): Promise<GameStateView> {
    return currentGameState(ctx);
  }

  @Query(() => [AchievementStatus], { description: "The whole achievement catalog with the caller's unlocked/claimed state." })
  async achievements(@Ctx() ctx: Context): Promise<AchievementStatusView[]> {
    return (await currentGameState(ctx)).achievements;
  }

  @Query(() => [Tool], { description: 'The tool shop.' })
  tools(@Ctx() ctx: Context): ToolView[] {
    return ctx.services.catalog.tools;
  }
}
