import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import type { Context } from '../context';
import type { UserView } from '../services/game-state.views';
import { type HistoryKind, type PageArgs, type PageKey, pageKey } from '../services/history.rules';
import {
  CheckInConnection,
  DailyIntentionConnection,
  GameEventLogConnection,
  HistoryArgs,
  SprintConnection,
  XpLedgerConnection,
} from './history.types';
import { requireReader } from './reader-access';
import { User } from './user.types';

/** The page key of a history field, once the caller may read the user (then the arguments are checked). */
async function readablePage(ctx: Context, kind: HistoryKind, userId: string, args: PageArgs): Promise<PageKey> {
  await requireReader(ctx, userId);
  return pageKey(kind, userId, args);
}

/** A user's history as cursor connections: readable by the user and their active mentors. */
@Resolver(() => User)
export class UserHistoryResolver {
  @FieldResolver(() => CheckInConnection, { description: 'Check-ins, newest first; `from`/`to` filter by local day.' })
  async checkIns(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.checkInPages.load(await readablePage(ctx, 'checkIns', user.id, args));
  }

  @FieldResolver(() => SprintConnection, { description: 'Sprints, latest start first; `from`/`to` filter by the local day they started.' })
  async sprints(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.sprintPages.load(await readablePage(ctx, 'sprints', user.id, args));
  }

  @FieldResolver(() => DailyIntentionConnection, { description: 'Daily intentions, newest day first; `from`/`to` filter by their day.' })
  async intentions(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.intentionPages.load(await readablePage(ctx, 'intentions', user.id, args));
  }

  @FieldResolver(() => XpLedgerConnection, {
    description: 'XP ledger rows, newest first; `from`/`to` filter by local day. XP = their sum.',
  })
  async xpLedger(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.xpLedgerPages.load(await readablePage(ctx, 'xpLedger', user.id, args));
  }

  @FieldResolver(() => GameEventLogConnection, { description: 'Game events, newest first; `from`/`to` filter by local day.' })
  async events(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.eventPages.load(await readablePage(ctx, 'events', user.id, args));
  }
}
