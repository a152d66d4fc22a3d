import DataLoader from 'dataloader';

import type { Clock } from '../lib/clock';
import type { Services } from '../services';
import type { GameStateView, IntentionView, SprintView, UserView } from '../services/game-state.views';
import { pageCacheKey, type PageKey } from '../services/history.rules';
import type { CheckInView, ConnectionView, GameEventLogView, XpLedgerEntryView } from '../services/history.views';

const MAX_BATCH = 500;

/** Per-request loaders: each batches every lookup of a tick into one statement. Never shared across requests. */
export function createLoaders(services: Services, clock: Clock) {
  return {
    user: new DataLoader<string, UserView | null>((ids) => services.users.loadMany(ids), { maxBatchSize: MAX_BATCH }),
    gameState: new DataLoader<string, GameStateView | null>((ids) => services.gameState.loadMany(ids, clock.now()), {
      maxBatchSize: MAX_BATCH,
    }),
    /** Whether a viewer may read a user (self, or an active mentor): one statement for all keys. */
    readable: new DataLoader<{ viewerId: string; userId: string }, boolean, string>(
      async (keys) => {
        const viewers = [...new Set(keys.map((k) => k.viewerId))];
        const answers = await Promise.all(
          viewers.map(async (viewerId) => {
            const userIds = keys.filter((k) => k.viewerId === viewerId).map((k) => k.userId);
            const readable = await services.access.readableAmong(viewerId, userIds);
            return new Map(userIds.map((id, i) => [id, readable[i]]));
          }),
        );
        return keys.map((k) => answers[viewers.indexOf(k.viewerId)].get(k.userId) ?? false);
      },
      { cacheKeyFn: (k) => `${k.viewerId}:${k.userId}`, maxBatchSize: MAX_BATCH },
    ),
    checkInPages: pages<CheckInView>((keys) => services.history.loadCheckInPages(keys)),
    intentionPages: pages<IntentionView>((keys) => services.history.loadIntentionPages(keys, clock.now())),
    sprintPages: pages<SprintView>((keys) => services.history.loadSprintPages(keys)),
    xpLedgerPages: pages<XpLedgerEntryView>((keys) => services.history.loadXpLedgerPages(keys)),
    eventPages: pages<GameEventLogView>((keys) => services.history.loadEventPages(keys)),
  };
}

/** A loader of history pages: every page request of a tick, whatever its user and arguments, in one statement. */
function pages<T>(load: (keys: readonly PageKey[]) => Promise<ConnectionView<T>[]>) {
  return new DataLoader<PageKey, ConnectionView<T>, string>(load, { cacheKeyFn: pageCacheKey, maxBatchSize: MAX_BATCH });
}

export type Loaders = ReturnType<typeof createLoaders>;
