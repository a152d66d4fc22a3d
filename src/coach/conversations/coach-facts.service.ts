import type { Database } from '../../db/database';
import type { StoredIntentionStatus } from '../../entities/daily-intention.entity';
import { notFound } from '../../errors/domain-errors';
import { addDays, daysBetween, type LocalDate, localDate } from '../../lib/local-day';
import type { GameStateService } from '../../services/game-state.service';
import { intentionStatus } from '../../services/intention.rules';
import type { MenteeFacts, Miss, PlayerFacts } from '../providers/provider';

interface HistoryRow {
  check_ins: { date: string; mood: number | null; note: string | null }[];
  intentions: { date: string; text: string; status: StoredIntentionStatus }[];
  sprints_today: { status: string; minutes: number }[];
  created_at: Date;
}

/** Check-ins, intentions and today's sprints of one user over the last `days` local days, in one statement. */
const HISTORY_SQL = `
SELECT u.created_at,
       (SELECT coalesce(json_agg(json_build_object('date', c.date::text, 'mood', c.mood, 'note', c.note) ORDER BY c.date DESC), '[]'::json)
          FROM check_ins c WHERE c.user_id = u.id AND c.date >= $2::date) AS check_ins,
       (SELECT coalesce(json_agg(json_build_object('date', i.date::text, 'text', i.text, 'status', i.status) ORDER BY i.date DESC), '[]'::json)
          FROM daily_intentions i WHERE i.user_id = u.id AND i.date >= $2::date) AS intentions,
       (SELECT coalesce(json_agg(json_build_object('status', s.status, 'minutes', s.planned_minutes)), '[]'::json)
          FROM sprints s WHERE s.user_id = u.id AND s.date = $3::date) AS sprints_today
  FROM users u WHERE u.id = $1`;

/** What the coach knows about a player: the game state plus recent history, as facts. */
export class CoachFactsService {
  constructor(
    private readonly db: Database,
    private readonly gameState: GameStateService,
  ) {}

  async player(userId: string, now: Date): Promise<PlayerFacts> {
    const [state] = await this.gameState.loadMany([userId], now);
    if (!state) throw notFound('User');
    const history = await this.history(userId, state.today, 7);
    const firstDay = firstActiveDay(history, state.user.timezone);
    const checkedIn = new Set(history.check_ins.map((c) => c.date));
    const misses: Miss[] = [];
    for (let back = 1; back <= 7; back++) {
      const day = addDays(state.today, -back);
      if (daysBetween(firstDay, day) < 0) break;
      const intention = history.intentions.find((i) => i.date === day);
      if (intention && intentionStatus(intention.status, day, state.today) === 'FAILED') misses.push({ date: day, kind: 'INTENTION_FAILED', text: intention.text });
      if (!checkedIn.has(day)) misses.push({ date: day, kind: 'NO_CHECK_IN' });
    }
    const completed = history.sprints_today.filter((s) => s.status === 'COMPLETED');
    const sprint = state.activeSprint;
    return {
      displayName: state.user.displayName,
      today: state.today,
      level: state.level,
      xp: state.xp,
      xpToNextLevel: state.xpToNextLevel,
      streak: {
        current: state.streak.current,
        longest: state.streak.longest,
        graceDays: state.streak.graceDays,
        status: state.streak.status,
        lastCheckInDate: state.streak.lastCheckInDate,
      },
      energy: state.energy,
      fatigue: state.fatigue,
      checkedInToday: state.checkedInToday,
      intention: state.todayIntention
        ? { text: state.todayIntention.text, status: state.todayIntention.status, targetSprints: state.todayIntention.targetSprints }
        : null,
      activeSprint: sprint
        ? {
            plannedMinutes: sprint.plannedMinutes,
            minutesSoFar: Math.max(0, Math.floor((now.getTime() - sprint.startedAt.getTime()) / 60_000)),
          }
        : null,
      sprintsToday: {
        completed: completed.length,
        abandoned: history.sprints_today.filter((s) => s.status === 'ABANDONED').length,
        minutes: completed.reduce((sum, s) => sum + s.minutes, 0),
      },
      recentMisses: misses,
      recoveryQuestAvailable: state.recoveryQuestAvailable,
    };
  }

  /** A mentee's record for a mentor's copilot: adherence, streak, misses and recent check-in notes. */
  async mentee(userId: string, now: Date): Promise<MenteeFacts> {
    const [state] = await this.gameState.loadMany([userId], now);
    if (!state) throw notFound('User');
    const history = await this.history(userId, state.today, 30);
    const firstDay = firstActiveDay(history, state.user.timezone);
    const checkedIn = new Set(history.check_ins.map((c) => c.date));
    const within = (date: LocalDate, days: number) => daysBetween(date, state.today) < days;
    const adherence = (days: number) => [...checkedIn].filter((d) => within(d, days)).length / days;
    const missedDays: LocalDate[] = [];
    for (let back = state.checkedInToday ? 0 : 1; back < 14; back++) {
      const day = addDays(state.today, -back);
      if (daysBetween(firstDay, day) < 0) break;
      if (!checkedIn.has(day)) missedDays.push(day);
    }
    return {
      displayName: state.user.displayName,
      today: state.today,
      adherence7: adherence(7),
      adherence30: adherence(30),
      streak: {
        current: state.streak.current,
        longest: state.streak.longest,
        status: state.streak.status,
        lastCheckInDate: state.streak.lastCheckInDate,
      },
      missedDays,
      failedIntentions: history.intentions
        .filter((i) => intentionStatus(i.status, i.date, state.today) === 'FAILED' && within(i.date, 14))
        .map((i) => ({ date: i.date, text: i.text })),
      completedIntentions7: history.intentions.filter((i) => i.status === 'COMPLETED' && within(i.date, 7)).length,
      recentNotes: history.check_ins
        .filter((c): c is { date: string; mood: number | null; note: string } => Boolean(c.note))
        .slice(0, 5)
        .map((c) => ({ date: c.date, mood: c.mood, note: c.note })),
    };
  }

  private async history(userId: string, today: LocalDate, days: number): Promise<HistoryRow> {
    const rows = await this.db.query<HistoryRow>(HISTORY_SQL, [userId, addDays(today, -days), today]);
    if (!rows[0]) throw notFound('User');
    return rows[0];
  }
}

/** Days before this one are not misses: the account did not exist (or nothing was played yet). */
function firstActiveDay(history: HistoryRow, timezone: string): LocalDate {
  const days = [
    localDate(new Date(history.created_at), timezone),
    ...history.check_ins.map((c) => c.date),
    ...history.intentions.map((i) => i.date),
  ];
  return days.reduce((min, day) => (day < min ? day : min));
}
