import type { Tx } from '../db/data-source';
import type { LocalDate } from '../lib/local-day';
import type { PendingEvent } from '../subscriptions/event-types';
import type { DayCloseOutcome } from './day-close.rules';

/** A user's state at close time, read with the character row locked. */
export interface CloseStateRow {
  user_id: string;
  timezone: string;
  created_at: Date;
  streak_current: number;
  streak_longest: number;
  grace_days: number;
  last_check_in_date: string | null;
  repaired_on: string | null;
  last_repair_on: string | null;
  break_announced_for: string | null;
  energy: number;
  fatigue: number;
  last_closed: string | null;
}

/** The facts of one (user, day) to close. */
export interface DayFactsRow {
  user_id: string;
  date: string;
  check_in: { mood: number | null } | null;
  intention: { id: string; status: 'PENDING' | 'COMPLETED' | 'FAILED' } | null;
  sprints: number;
  sprint_minutes: number;
  xp: number;
  quests: { id: string; expiresOn: string }[] | null;
}

export interface DayToClose {
  userId: string;
  date: LocalDate;
  dayStart: Date;
  dayEnd: Date;
}

/** The SQL of the day close: `day_closes`, `day_close_plans`, and the rows a close changes. */
export const dayCloseStorage = {
  /** Locks the users' character rows (in id order, so concurrent batches never deadlock), then reads their state. */
  async lockAndRead(tx: Tx, userIds: string[]): Promise<CloseStateRow[]> {
    await tx.query(`SELECT user_id FROM characters WHERE user_id = ANY($1::uuid[]) ORDER BY user_id FOR UPDATE`, [userIds]);
    // A second statement: its snapshot is taken after the locks, so it sees closes committed while waiting.
    return tx.query(
      `SELECT c.user_id, u.timezone, u.created_at, c.streak_current, c.streak_longest, c.grace_days,
              c.last_check_in_date::text AS last_check_in_date, c.repaired_on::text AS repaired_on,
              c.last_repair_on::text AS last_repair_on, c.streak_break_announced_for::text AS break_announced_for,
              c.energy, c.fatigue,
              (SELECT max(d.date)::text FROM day_closes d WHERE d.user_id = c.user_id) AS last_closed
         FROM characters c JOIN users u ON u.id = c.user_id
        WHERE c.user_id = ANY($1::uuid[])
        ORDER BY c.user_id`,
      [userIds],
    );
  },

  /** Check-in, intention, completed sprints, XP and expiring quests of each (user, day), in one statement. */
  async readDays(tx: Tx, days: DayToClose[]): Promise<DayFactsRow[]> {
    return tx.query(
      `WITH p AS (
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::timestamptz[], $4::timestamptz[]) AS p(user_id, date, day_start, day_end))
       SELECT p.user_id, p.date::text AS date,
              (SELECT json_build_object('mood', ci.mood) FROM check_ins ci WHERE ci.user_id = p.user_id AND ci.date = p.date) AS check_in,
              (SELECT json_build_object('id', i.id, 'status', i.status) FROM daily_intentions i
                WHERE i.user_id = p.user_id AND i.date = p.date) AS intention,
              (SELECT count(*)::int FROM sprints s WHERE s.user_id = p.user_id AND s.date = p.date AND s.status = 'COMPLETED') AS sprints,
              (SELECT coalesce(sum(s.planned_minutes), 0)::int FROM sprints s
                WHERE s.user_id = p.user_id AND s.date = p.date AND s.status = 'COMPLETED') AS sprint_minutes,
              (SELECT coalesce(sum(x.amount), 0)::int FROM xp_ledger x
                WHERE x.user_id = p.user_id AND x.created_at >= p.day_start AND x.created_at < p.day_end) AS xp,
              (SELECT json_agg(json_build_object('id', q.id, 'expiresOn', q.expires_on::text) ORDER BY q.expires_on) FROM recovery_quests q
                WHERE q.user_id = p.user_id AND q.status = 'OPEN' AND q.expires_on < p.date + 1) AS quests
         FROM p`,
      [days.map((d) => d.userId), days.map((d) => d.date), days.map((d) => d.dayStart), days.map((d) => d.dayEnd)],
    );
  },

  /**
   * Inserts the `day_closes` rows; answers the (user, day) pairs that were new. The unique row decides:
   * only those pairs get their other writes.
   */
  async insertCloses(tx: Tx, closes: { userId: string; outcome: DayCloseOutcome }[], now: Date): Promise<Set<string>> {
    const rows = closes.map(({ userId, outcome: { summary: s, streakEvent } }) => ({ userId, ...s, streakEvent }));
    const inserted: { user_id: string; date: string }[] = await tx.query(
      `INSERT INTO day_closes (user_id, date, checked_in, mood, intention_status, sprints_completed, sprint_minutes, xp, energy, fatigue,
                               vacation, streak_event, closed_at)
       SELECT r."userId", r.date, r."checkedIn", r.mood, r."intentionStatus", r."sprintsCompleted", r."sprintMinutes", r.xp, r.energy,
              r.fatigue, r.vacation, r."streakEvent", $2
         FROM jsonb_to_recordset($1::jsonb) AS r("userId" uuid, date date, "checkedIn" boolean, mood smallint, "intentionStatus" varchar,
              "sprintsCompleted" int, "sprintMinutes" int, xp int, energy int, fatigue int, vacation boolean, "streakEvent" varchar)
       ON CONFLICT DO NOTHING
       RETURNING user_id, date::text AS date`,
      [JSON.stringify(rows), now],
    );
    return new Set(inserted.map((r) => `${r.user_id} ${r.date}`));
  },

  /** Failed intentions, expired quests, announced breaks and the events, in one statement (events in order). */
  async writeOutcomes(
    tx: Tx,
    writes: {
      failedIntentions: string[];
      expiredQuests: string[];
      announced: { userId: string; day: string }[];
      events: (PendingEvent & { userId: string })[];
    },
    now: Date,
  ): Promise<void> {
    await tx.query(
      `WITH failed AS (
         UPDATE daily_intentions SET status = 'FAILED' WHERE id = ANY($1::uuid[]) AND status = 'PENDING'),
       expired AS (
         UPDATE recovery_quests SET status = 'EXPIRED' WHERE id = ANY($2::uuid[]) AND status = 'OPEN'),
       announced AS (
         UPDATE characters c SET streak_break_announced_for = a.day
           FROM unnest($3::uuid[], $4::date[]) AS a(user_id, day) WHERE c.user_id = a.user_id)
       INSERT INTO game_events (user_id, type, payload, occurred_at)
       SELECT (x->>'userId')::uuid, x->>'type', x->'payload', $6
         FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS e(x, ord) ORDER BY ord`,
      [
        writes.failedIntentions,
        writes.expiredQuests,
        writes.announced.map((a) => a.userId),
        writes.announced.map((a) => a.day),
        JSON.stringify(writes.events),
        now,
      ],
    );
  },

  /** Records that (zone, day) was planned; false when it already was (the row decides, once). */
  async claimPlan(tx: Tx, zone: string, date: LocalDate, users: number, batches: number, now: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO day_close_plans (zone, date, users, batches, planned_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING zone`,
      [zone, date, users, batches, now],
    );
    return rows.length === 1;
  },

  /** Ids of the users of `zone` created before `before`, in id order. */
  async usersOfZone(tx: Tx, zone: string, before: Date): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT id FROM users WHERE timezone = $1 AND created_at < $2 ORDER BY id`, [
      zone,
      before,
    ]);
    return rows.map((r) => r.id);
  },

  /** Every zone that has users. */
  async zones(tx: Tx): Promise<string[]> {
    const rows: { timezone: string }[] = await tx.query(`SELECT DISTINCT timezone FROM users`);
    return rows.map((r) => r.timezone);
  },
};
