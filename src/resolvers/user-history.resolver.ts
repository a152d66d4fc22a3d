import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import type { Context } from '../context';
import type { UserView } from '../services/game-state.views';
import {
  CheckInConnection,
  DailyIntentionConnection,
  GameEventLogConnection,
  HistoryArgs,
  SprintConnection,
  XpLedgerConnection,
} from './history.types';
import { User } from './user.types';

/** A user's history as cursor connections: readable by the user and their active mentors. */
@Resolver(() => User)
export class UserHistoryResolver {
  @FieldResolver(() => CheckInConnection, { description: 'Check-ins, newest first; `from`/`to` filter by local day.' })
  checkIns(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.services.history.checkIns(ctx, user.id, args);
  }

  @FieldResolver(() => SprintConnection, { description: 'Sprints, latest start first; `from`/`to` filter by the local day they started.' })
  sprints(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.services.history.sprints(ctx, user.id, args);
  }

  @FieldResolver(() => DailyIntentionConnection, { description: 'Daily intentions, newest day first; `from`/`to` filter by their day.' })
  intentions(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.services.history.intentions(ctx, user.id, args);
  }

  @FieldResolver(() => XpLedgerConnection, {
    description: 'XP ledger rows, newest first; `from`/`to` filter by local day. XP = their sum.',
  })
  xpLedger(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.services.history.xpLedger(ctx, user.id, args);
  }

  @FieldResolver(() => GameEventLogConnection, { description: 'Game events, newest first; `from`/`to` filter by local day.' })
  events(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.services.history.events(ctx, user.id, args);
  }
}
