import { badInput } from '../errors/domain-errors';
import { daysBetween, type LocalDate } from '../lib/local-day';
import type { ConnectionView } from './history.views';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export type HistoryKind = 'checkIns' | 'sprints' | 'intentions' | 'xpLedger' | 'events';

/** A page request as the API receives it. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  from?: LocalDate | null;
  to?: LocalDate | null;
}

/** A validated page request of one user's history (the key of the page loaders). */
export interface PageKey {
  userId: string;
  first: number;
  after: string | null;
  from: LocalDate | null;
  to: LocalDate | null;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEQUENCE = /^\d{1,18}$/;
const INSTANT_AND_ID = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a cursor of each kind looks like: its sort key, so a page continues exactly after it. */
const CURSOR_SHAPES: Record<HistoryKind, RegExp> = {
  checkIns: LOCAL_DATE,
  intentions: LOCAL_DATE,
  sprints: INSTANT_AND_ID,
  xpLedger: SEQUENCE,
  events: SEQUENCE,
};

/** Validates a page request: `first` 1..100 (default 20), a well-formed `after`, and `from` ≤ `to`. */
export function pageKey(kind: HistoryKind, userId: string, args: PageArgs): PageKey {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  const after = args.after ?? null;
  if (after !== null && !CURSOR_SHAPES[kind].test(after)) throw badInput('after', 'after must be a cursor returned by this connection.');
  const from = args.from ?? null;
  const to = args.to ?? null;
  if (from !== null && to !== null && daysBetween(from, to) < 0) throw badInput('to', 'to must not be before from.');
  return { userId, first, after, from, to };
}

/** Loader cache key: the same request in one operation is answered once. */
export function pageCacheKey(key: PageKey): string {
  return `${key.userId}|${key.first}|${key.after ?? ''}|${key.from ?? ''}|${key.to ?? ''}`;
}

/** A connection from up to `first + 1` rows in order: the extra row only says there is a next page. */
export function toConnection<T>(rows: { cursor: string; node: T }[], first: number): ConnectionView<T> {
  const edges = rows.slice(0, first);
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The cursor of a sprint: its start instant and id (the order of the sprints connection). */
export function sprintCursor(startedAt: Date, id: string): string {
  return `${startedAt.toISOString()}_${id}`;
}
