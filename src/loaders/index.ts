import DataLoader from 'dataloader';

import type { Clock } from '../lib/clock';
import type { Services } from '../services';
import type { GameStateView, UserView } from '../services/game-state.views';

const MAX_BATCH = 500;

/** Per-request loaders: each batches every lookup of a tick into one statement. Never shared across requests. */
export function createLoaders(services: Services, clock: Clock) {
  return {
    user: new DataLoader<string, UserView | null>((ids) => services.users.loadMany(ids), { maxBatchSize: MAX_BATCH }),
    gameState: new DataLoader<string, GameStateView | null>((ids) => services.gameState.loadMany(ids, clock.now()), {
      maxBatchSize: MAX_BATCH,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
