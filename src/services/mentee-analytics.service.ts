import type { Database } from '../db/database';
import { byRisk, liveStreak, riskOf } from './mentor.rules';
import type { MenteeDayView, MenteeView } from './mentor.views';
import { streakOfRow, streakStatus } from './streak.rules';

interface AnalyticsRow {
  user_id: string;
  since: Date;
  today: string;
  streak_current: number;
  streak_longest: number;
  grace_days: number;
  last_check_in_date: string | null;
  repaired_on: string | null;
  adherence7: number;
  adherence30: number;
  days_since_last_check_in: number | null;
  series: MenteeDayView[];
}

/**
 * One statement for all of a mentor's active mentees. Each mentee's days are their own: `today` is the
 * app clock's instant ($2) in the mentee's zone; check-ins carry their local date; ledger rows are
 * bucketed by their local date. Adherence N = days with a check-in among the last N days (today
 * included) / N.
 */
const ANALYTICS_SQL = `
WITH m AS (
  SELECT l.mentee_id AS user_id, l.created_at AS since, u.timezone,
         ($2::timestamptz AT TIME ZONE u.timezone)::date AS today
    FROM mentor_links l JOIN users u ON u.id = l.mentee_id
   WHERE l.mentor_id = $1 AND l.revoked_at IS NULL AND ($3::uuid IS NULL OR l.mentee_id = $3::uuid)
)
SELECT m.user_id, m.since, m.today::text AS today,
       c.streak_current, c.streak_longest, c.grace_days,
       c.last_check_in_date::text AS last_check_in_date, c.repaired_on::text AS repaired_on,
       (SELECT count(*) FROM check_ins ci WHERE ci.user_id = m.user_id AND ci.date BETWEEN m.today - 6 AND m.today)::float8 / 7 AS adherence7,
       (SELECT count(*) FROM check_ins ci WHERE ci.user_id = m.user_id AND ci.date BETWEEN m.today - 29 AND m.today)::float8 / 30 AS adherence30,
       m.today - (SELECT max(ci.date) FROM check_ins ci WHERE ci.user_id = m.user_id AND ci.date <= m.today) AS days_since_last_check_in,
       (SELECT json_agg(json_build_object('date', d.day::text, 'checkedIn', ci.id IS NOT NULL, 'xp', coalesce(x.xp, 0)) ORDER BY d.day)
          FROM (SELECT m.today - g.n AS day FROM generate_series(0, 29) AS g(n)) d
          LEFT JOIN check_ins ci ON ci.user_id = m.user_id AND ci.date = d.day
          LEFT JOIN (SELECT (xl.created_at AT TIME ZONE m.timezone)::date AS day, sum(xl.amount)::int AS xp
                       FROM xp_ledger xl
                      WHERE xl.user_id = m.user_id
                        AND xl.created_at >= ((m.today - 29)::timestamp AT TIME ZONE m.timezone)
                        AND xl.created_at < ((m.today + 1)::timestamp AT TIME ZONE m.timezone)
                      GROUP BY 1) x ON x.day = d.day) AS series
  FROM m JOIN characters c ON c.user_id = m.user_id`;

/** Mentor dashboard figures, computed in SQL. */
export class MenteeAnalyticsService {
  constructor(private readonly db: Database) {}

  /** Every active mentee of `mentorId` at instant `now`, HIGH risk first. One SQL statement. */
  async forMentor(mentorId: string, now: Date): Promise<MenteeView[]> {
    const rows = await this.db.query<AnalyticsRow>(ANALYTICS_SQL, [mentorId, now, null]);
    return rows.map(toView).sort(byRisk);
  }

  /** One mentee of `mentorId`, or null when the link is not active. */
  async forPair(mentorId: string, menteeId: string, now: Date): Promise<MenteeView | null> {
    const rows = await this.db.query<AnalyticsRow>(ANALYTICS_SQL, [mentorId, now, menteeId]);
    return rows.length > 0 ? toView(rows[0]) : null;
  }
}

function toView(row: AnalyticsRow): MenteeView {
  const status = streakStatus(streakOfRow(row), row.today);
  const adherence7 = Number(row.adherence7);
  const daysSinceLastCheckIn = row.days_since_last_check_in === null ? null : Number(row.days_since_last_check_in);
  return {
    userId: row.user_id,
    since: new Date(row.since),
    today: row.today,
    adherence7,
    adherence30: Number(row.adherence30),
    risk: riskOf({ adherence7, daysSinceLastCheckIn, streakStatus: status }),
    streakStatus: status,
    currentStreak: liveStreak(row.streak_current, status),
    longestStreak: row.streak_longest,
    daysSinceLastCheckIn,
    series: row.series,
  };
}
