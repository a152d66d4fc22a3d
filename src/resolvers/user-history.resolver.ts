import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import type { Context } from '../context';
import type { UserView } from '../services/game-state.views';
import { pageKey } from '../services/history.rules';
import {
  CheckInConnection,
  DailyIntentionConnection,
  GameEventLogConnection,
  HistoryArgs,
  SprintConnection,
  XpLedgerConnection,
} from './history.types';
import { Access, UserField } from './reader-access';
import { User } from './user.types';

/** A user's history as cursor connections: readable by the user and their active mentors (checked before the arguments). */
@Resolver(() => User)
export class UserHistoryResolver {
  @FieldResolver(() => CheckInConnection, { description: 'Check-ins, newest first; `from`/`to` filter by local day.' })
  @UserField(Access.SESSION_READER)
  checkIns(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.checkInPages.load(pageKey('checkIns', user.id, args));
  }

  @FieldResolver(() => SprintConnection, { description: 'Sprints, latest start first; `from`/`to` filter by the local day they started.' })
  @UserField(Access.SESSION_READER)
  sprints(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.sprintPages.load(pageKey('sprints', user.id, args));
  }

  @FieldResolver(() => DailyIntentionConnection, { description: 'Daily intentions, newest day first; `from`/`to` filter by their day.' })
  @UserField(Access.SESSION_READER)
  intentions(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.intentionPages.load(pageKey('intentions', user.id, args));
  }

  @FieldResolver(() => XpLedgerConnection, {
    description: 'XP ledger rows, newest first; `from`/`to` filter by local day. XP = their sum.',
  })
  @UserField(Access.SESSION_READER)
  xpLedger(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.xpLedgerPages.load(pageKey('xpLedger', user.id, args));
  }

  @FieldResolver(() => GameEventLogConnection, { description: 'Game events, newest first; `from`/`to` filter by local day.' })
  @UserField(Access.SESSION_READER)
  events(@Root() user: UserView, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.loaders.eventPages.load(pageKey('events', user.id, args));
  }
}
