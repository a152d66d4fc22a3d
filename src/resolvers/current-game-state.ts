import type { Context } from '../context';
import type { ActionOutcome } from '../services/game-action';
import type { GameStateView } from '../services/game-state.views';
import { requireFound } from './found';

/** The caller's game state as committed now (a mutation clears what the request had cached). */
export async function currentGameState(ctx: Context): Promise<GameStateView> {
  const userId = ctx.session.requireUserId();
  return requireFound(await ctx.loaders.gameState.load(userId), 'Game state');
}

/** Builds an ActionPayload-shaped result after a game action committed. */
export async function actionPayload<T>(ctx: Context, outcome: ActionOutcome<T>) {
  ctx.loaders.gameState.clear(ctx.session.requireUserId());
  return { xpGained: outcome.xpGained, unlocked: outcome.unlocked, gameState: await currentGameState(ctx) };
}

/** The game state after a mutation without its own payload type. */
export function freshGameState(ctx: Context): Promise<GameStateView> {
  ctx.loaders.gameState.clear(ctx.session.requireUserId());
  return currentGameState(ctx);
}
