import { Arg, Ctx, ID, Resolver, Root, type SubscribeResolverData, Subscription } from 'type-graphql';

import type { Context } from '../context';
import type { GameEventMessage, GameEventType } from '../subscriptions/event-types';
import { AchievementEvent, GameEvent, StreakEvent, XpEvent } from './game-event.types';
import { toGameEvent } from './game-event.view';

interface EventArgs {
  userId?: string | null;
  after?: string | null;
}

const streamOf =
  (types?: readonly GameEventType[]) =>
  ({ args, context }: SubscribeResolverData<unknown, EventArgs, Context>): Promise<AsyncIterable<GameEventMessage>> =>
    context.services.liveEvents.stream(context, { ...args, types });

const toEvent = (message: GameEventMessage, ctx: Context) => toGameEvent(message, ctx.services.catalog);

const USER_ID = { nullable: true, description: 'Yourself (default) or an active mentee.' };

@Resolver()
export class GameEventsResolver {
  @Subscription(() => GameEvent, {
    subscribe: streamOf(),
    description: 'Every game event of a user. With `after` (the last cursor seen), missed events are replayed first, in order.',
  })
  gameEvents(
    @Root() message: GameEventMessage,
    @Ctx() ctx: Context,
    @Arg('userId', () => ID, USER_ID) _userId?: string,
    @Arg('after', () => String, { nullable: true, description: 'The last cursor seen.' }) _after?: string,
  ) {
    return toEvent(message, ctx);
  }

  @Subscription(() => XpEvent, { subscribe: streamOf(['XP_GAINED']), description: 'XP gains of a user, live.' })
  xpGained(@Root() message: GameEventMessage, @Ctx() ctx: Context, @Arg('userId', () => ID, USER_ID) _userId?: string) {
    return toEvent(message, ctx);
  }

  @Subscription(() => StreakEvent, { subscribe: streamOf(['STREAK_UPDATED']), description: 'Streak changes of a user, live.' })
  streakUpdated(@Root() message: GameEventMessage, @Ctx() ctx: Context, @Arg('userId', () => ID, USER_ID) _userId?: string) {
    return toEvent(message, ctx);
  }

  @Subscription(() => AchievementEvent, {
    subscribe: streamOf(['ACHIEVEMENT_UNLOCKED']),
    description: 'Achievements a user unlocks, live.',
  })
  achievementUnlocked(@Root() message: GameEventMessage, @Ctx() ctx: Context, @Arg('userId', () => ID, USER_ID) _userId?: string) {
    return toEvent(message, ctx);
  }
}
