import { JSONObjectResolver } from 'graphql-scalars';
import { ArgsType, type ClassType, Field, ID, Int, ObjectType } from 'type-graphql';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/history.rules';
import { CheckIn, DailyIntention, Sprint } from './game.types';
import { Inherited } from './reader-access';
import { DateTimeScalar, LocalDateScalar } from './scalars';

@ObjectType({ description: 'Where a page of a connection ends (Relay). Pages go forward with `first` and `after`.' })
@Inherited()
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow: ask again with `after: endCursor`.' })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'Always false: these connections page forward only.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge of this page (null when empty).' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of this page: pass it as `after` for the next page.' })
  endCursor: string | null;
}

@ArgsType()
export class HistoryArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, 1..${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an `endCursor` of this connection).' })
  after?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only items on or after this local day (in the user's timezone)." })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Only items on or before this local day (in the user's timezone)." })
  to?: string | null;
}

@ObjectType({ description: 'One XP change, with the rule and inputs that produced the amount (append-only).' })
@Inherited()
export class XpLedgerEntry {
  @Field(() => ID, { description: 'Sequence number of the row; also its cursor.' })
  id: string;

  @Field(() => Int, { description: 'XP added (positive) or removed.' })
  amount: number;

  @Field(() => String, { description: 'What paid it: CHECK_IN, SPRINT, INTENTION, RECOVERY_QUEST, ACHIEVEMENT…' })
  source: string;

  @Field(() => String, { description: 'The id or code of the thing that paid it.' })
  reference: string;

  @Field(() => String, { description: 'The rule in words, e.g. "10 + min(streak, 20)".' })
  rule: string;

  @Field(() => JSONObjectResolver, { description: 'The inputs the rule was applied to.' })
  inputs: Record<string, unknown>;

  @Field(() => DateTimeScalar, { description: 'When it was earned.' })
  createdAt: Date;
}

@ObjectType({ description: 'A row of the game event log (the same events subscriptions deliver).' })
@Inherited()
export class GameEventLogEntry {
  @Field(() => String, { description: "The event's cursor (its sequence number), as in `gameEvents(after:)`." })
  cursor: string;

  @Field(() => String, {
    description:
      'The stored event type: XP_GAINED, LEVEL_UP, STREAK_UPDATED, CHECK_IN, SPRINT_STARTED… (the GameEvent type of the same name).',
  })
  type: string;

  @Field(() => JSONObjectResolver, { description: "The event's data, as stored." })
  payload: Record<string, unknown>;

  @Field(() => DateTimeScalar, { description: 'When it happened (app clock).' })
  occurredAt: Date;
}

/** A Relay connection type and its edge type for `node` (only under `User`: readable as that field is). */
function connectionOf<T extends object>(name: string, node: ClassType<T>, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} and its cursor.` })
  @Inherited()
  class Edge {
    @Field(() => String, { description: `Opaque position of this ${what}: pass it as \`after\`.` })
    cursor: string;

    @Field(() => node, { description: `The ${what}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s, newest first.` })
  @Inherited()
  class Connection {
    @Field(() => [Edge], { description: `The ${what}s of this page.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Whether more follow, and the cursor to continue from.' })
    pageInfo: PageInfo;
  }
  return Connection;
}

export const CheckInConnection = connectionOf('CheckIn', CheckIn, 'check-in');
export const SprintConnection = connectionOf('Sprint', Sprint, 'sprint');
export const DailyIntentionConnection = connectionOf('DailyIntention', DailyIntention, 'daily intention');
export const XpLedgerConnection = connectionOf('XpLedger', XpLedgerEntry, 'XP ledger entry');
export const GameEventLogConnection = connectionOf('GameEventLog', GameEventLogEntry, 'game event');
