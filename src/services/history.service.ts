import type { Database } from '../db/database';
import type { StoredIntentionStatus } from '../entities/daily-intention.entity';
import { localDate } from '../lib/local-day';
import type { IntentionView, SprintView } from './game-state.views';
import { type PageKey, sprintCursor, toConnection } from './history.rules';
import type { CheckInView, ConnectionView, GameEventLogView, XpLedgerEntryView } from './history.views';
import { intentionStatus } from './intention.rules';

interface Edge<T> {
  cursor: string;
  node: T;
}

/**
 * One statement answers every page request of a batch, whatever the users and arguments: the requests
 * are unnested into rows and each takes its page (first + 1 rows) through a lateral subquery.
 */
const batched = (page: string, order: string) => `
SELECT k.ord, r.*
  FROM unnest($1::uuid[], $2::int[], $3::text[], $4::date[], $5::date[]) WITH ORDINALITY AS k(user_id, lim, after, from_day, to_day, ord)
  CROSS JOIN LATERAL (${page} LIMIT k.lim + 1) r
 ORDER BY k.ord, ${order}`;

const CHECK_INS_SQL = batched(
  `SELECT ci.id, ci.date::text AS date, ci.mood, ci.note, ci.created_at
     FROM check_ins ci
    WHERE ci.user_id = k.user_id
      AND (k.after IS NULL OR ci.date < k.after::date)
      AND (k.from_day IS NULL OR ci.date >= k.from_day)
      AND (k.to_day IS NULL OR ci.date <= k.to_day)
    ORDER BY ci.date DESC`,
  'r.date DESC',
);

const INTENTIONS_SQL = batched(
  `SELECT i.id, i.date::text AS date, i.text, i.target_sprints, i.status, u.timezone
     FROM daily_intentions i JOIN users u ON u.id = i.user_id
    WHERE i.user_id = k.user_id
      AND (k.after IS NULL OR i.date < k.after::date)
      AND (k.from_day IS NULL OR i.date >= k.from_day)
      AND (k.to_day IS NULL OR i.date <= k.to_day)
    ORDER BY i.date DESC`,
  'r.date DESC',
);

const SPRINTS_SQL = batched(
  `SELECT s.id, s.planned_minutes, s.status, s.started_at, s.ended_at, s.intention_id
     FROM sprints s
    WHERE s.user_id = k.user_id
      AND (k.after IS NULL OR (s.started_at, s.id) < (split_part(k.after, '_', 1)::timestamptz, split_part(k.after, '_', 2)::uuid))
      AND (k.from_day IS NULL OR s.date >= k.from_day)
      AND (k.to_day IS NULL OR s.date <= k.to_day)
    ORDER BY s.started_at DESC, s.id DESC`,
  'r.started_at DESC, r.id DESC',
);

/** Ledger rows and events have no stored local date: the range is the user's local days, as instants. */
const inLocalDays = (column: string) => `
      AND (k.from_day IS NULL OR ${column} >= (k.from_day::timestamp AT TIME ZONE u.timezone))
      AND (k.to_day IS NULL OR ${column} < ((k.to_day + 1)::timestamp AT TIME ZONE u.timezone))`;

const XP_LEDGER_SQL = batched(
  `SELECT x.id, x.amount, x.source, x.reference, x.rule, x.inputs, x.created_at
     FROM xp_ledger x JOIN users u ON u.id = x.user_id
    WHERE x.user_id = k.user_id
      AND (k.after IS NULL OR x.id < k.after::bigint) ${inLocalDays('x.created_at')}
    ORDER BY x.id DESC`,
  'r.id DESC',
);

const EVENTS_SQL = batched(
  `SELECT e.id, e.type, e.payload, e.occurred_at
     FROM game_events e JOIN users u ON u.id = e.user_id
    WHERE e.user_id = k.user_id
      AND (k.after IS NULL OR e.id < k.after::bigint) ${inLocalDays('e.occurred_at')}
    ORDER BY e.id DESC`,
  'r.id DESC',
);

/**
 * A user's history as Relay connections, newest first, filterable by local date range: the batch
 * functions of the request's page loaders, so a list of users costs one statement per connection kind.
 * Who may read whose history is the resolvers' check (see `src/resolvers/reader-access.ts`).
 */
export class HistoryService {
  constructor(private readonly db: Database) {}

  /** Batch functions of the page loaders: one SQL statement per call, pages in the order of `keys`. */
  loadCheckInPages(keys: readonly PageKey[]): Promise<ConnectionView<CheckInView>[]> {
    return this.pages(CHECK_INS_SQL, keys, [], (r: Record<string, unknown>) => ({
      cursor: r.date as string,
      node: {
        id: r.id as string,
        date: r.date as string,
        mood: r.mood as number | null,
        note: r.note as string | null,
        createdAt: new Date(r.created_at as string),
      },
    }));
  }

  loadIntentionPages(keys: readonly PageKey[], now: Date): Promise<ConnectionView<IntentionView>[]> {
    return this.pages(INTENTIONS_SQL, keys, [], (r) => ({
      cursor: r.date as string,
      node: {
        id: r.id as string,
        date: r.date as string,
        text: r.text as string,
        targetSprints: r.target_sprints as number,
        status: intentionStatus(r.status as StoredIntentionStatus, r.date as string, localDate(now, r.timezone as string)),
      },
    }));
  }

  loadSprintPages(keys: readonly PageKey[]): Promise<ConnectionView<SprintView>[]> {
    return this.pages(SPRINTS_SQL, keys, [], (r) => {
      const startedAt = new Date(r.started_at as string);
      return {
        cursor: sprintCursor(startedAt, r.id as string),
        node: {
          id: r.id as string,
          plannedMinutes: r.planned_minutes as number,
          status: r.status as SprintView['status'],
          startedAt,
          endedAt: r.ended_at ? new Date(r.ended_at as string) : null,
          intentionId: (r.intention_id as string | null) ?? null,
        },
      };
    });
  }

  loadXpLedgerPages(keys: readonly PageKey[]): Promise<ConnectionView<XpLedgerEntryView>[]> {
    return this.pages(XP_LEDGER_SQL, keys, [], (r) => ({
      cursor: String(r.id),
      node: {
        id: String(r.id),
        amount: r.amount as number,
        source: r.source as string,
        reference: r.reference as string,
        rule: r.rule as string,
        inputs: r.inputs as Record<string, unknown>,
        createdAt: new Date(r.created_at as string),
      },
    }));
  }

  loadEventPages(keys: readonly PageKey[]): Promise<ConnectionView<GameEventLogView>[]> {
    return this.pages(EVENTS_SQL, keys, [], (r) => ({
      cursor: String(r.id),
      node: {
        cursor: String(r.id),
        type: r.type as string,
        payload: r.payload as Record<string, unknown>,
        occurredAt: new Date(r.occurred_at as string),
      },
    }));
  }

  private async pages<T>(
    sql: string,
    keys: readonly PageKey[],
    extra: unknown[],
    toEdge: (row: Record<string, unknown>) => Edge<T>,
  ): Promise<ConnectionView<T>[]> {
    const rows = await this.db.query<Record<string, unknown>>(sql, [
      keys.map((k) => k.userId),
      keys.map((k) => k.first),
      keys.map((k) => k.after),
      keys.map((k) => k.from),
      keys.map((k) => k.to),
      ...extra,
    ]);
    const edges = keys.map((): Edge<T>[] => []);
    for (const row of rows) edges[Number(row.ord) - 1].push(toEdge(row));
    return edges.map((page, i) => toConnection(page, keys[i].first));
  }
}
