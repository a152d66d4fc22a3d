import type { StoredIntentionStatus } from '../entities/daily-intention.entity';
import { addDays, daysBetween, type LocalDate, startOfLocalDay } from '../lib/local-day';
import type { DayClosedPayload, PendingEvent } from '../subscriptions/event-types';
import { recoveryEligibility } from './recovery.rules';
import { continuationOn, missedDaysBefore, streakExpiresOn, type StreakState } from './streak.rules';

/** Missed day closes run at most this many days back (docs/time-engine.md, catch-up): older days get no close and no events. */
export const CATCH_UP_DAYS = 7;

/** What a day close reads about one user and one local day D (docs/time-engine.md). */
export interface DayFacts {
  date: LocalDate;
  /** The user's local day when the close runs (later than D+1 when catching up). */
  today: LocalDate;
  timezone: string;
  streak: StreakState;
  lastRepairOn: LocalDate | null;
  /** The last counted day of the break that was already announced (a break is announced once). */
  breakAnnouncedFor: LocalDate | null;
  checkIn: { mood: number | null } | null;
  intention: { id: string; status: StoredIntentionStatus } | null;
  /** Open recovery quests whose last day is before D+1. */
  expiringQuests: { id: string; expiresOn: LocalDate }[];
  sprintsCompleted: number;
  sprintMinutes: number;
  xp: number;
  energy: number;
  fatigue: number;
  vacation: boolean;
}

export interface DayCloseOutcome {
  failIntentionId: string | null;
  expireQuestIds: string[];
  streakEvent: 'AT_RISK' | 'BROKEN' | null;
  /** Set when this close announces a break: the break's last counted day. */
  announceBreakFor: LocalDate | null;
  summary: DayClosedPayload;
  /** In the step order of docs/time-engine.md, day close. */
  events: PendingEvent[];
}

/** The four steps of closing local day D for one user (docs/time-engine.md, day close), as a pure function of the facts. */
export function closeDay(f: DayFacts): DayCloseOutcome {
  const events: PendingEvent[] = [];
  const failIntentionId = f.intention?.status === 'PENDING' ? f.intention.id : null;
  if (failIntentionId) events.push({ type: 'INTENTION_FAILED', payload: { intentionId: failIntentionId, date: f.date } });
  for (const quest of f.expiringQuests) {
    events.push({ type: 'RECOVERY_QUEST_EXPIRED', payload: { questId: quest.id, expiresOn: quest.expiresOn } });
  }
  const streak = f.checkIn || f.vacation ? null : streakAtClose(f);
  if (streak) events.push(...streak.events);
  const summary: DayClosedPayload = {
    date: f.date,
    checkedIn: f.checkIn !== null,
    mood: f.checkIn?.mood ?? null,
    intentionStatus: f.intention === null ? null : f.intention.status === 'COMPLETED' ? 'COMPLETED' : 'FAILED',
    sprintsCompleted: f.sprintsCompleted,
    sprintMinutes: f.sprintMinutes,
    xp: f.xp,
    energy: f.energy,
    fatigue: f.fatigue,
    vacation: f.vacation,
  };
  events.push({ type: 'DAY_CLOSED', payload: summary });
  return {
    failIntentionId,
    expireQuestIds: f.expiringQuests.map((q) => q.id),
    streakEvent: streak?.kind ?? null,
    announceBreakFor: streak?.kind === 'BROKEN' ? f.streak.lastDay : null,
    summary,
    events,
  };
}

/** Step 3: a day without a check-in puts a live streak at risk, or announces its break once. */
function streakAtClose(f: DayFacts): { kind: 'AT_RISK' | 'BROKEN'; events: PendingEvent[] } | null {
  const s = f.streak;
  if (s.current === 0 || s.lastDay === null) return null;
  const tomorrow = addDays(f.date, 1);
  const how = continuationOn(s, tomorrow);
  if (how === 'SAME_DAY' || how === 'FIRST') return null;
  if (how !== 'RESET') {
    const expiresOn = streakExpiresOn(s) as LocalDate;
    const graceDaysNeeded = how === 'GRACE_DAY' ? missedDaysBefore(s, tomorrow) : 0;
    const payload = {
      current: s.current,
      expiresAt: startOfLocalDay(expiresOn, f.timezone).toISOString(),
      graceDays: s.graceDays,
      graceDaysNeeded,
    };
    return { kind: 'AT_RISK', events: [{ type: 'STREAK_AT_RISK', payload }] };
  }
  if (f.breakAnnouncedFor === s.lastDay) return null;
  // Whether a quest is open now: a close caught up late does not offer a quest that has lapsed since.
  const quest = recoveryEligibility(s, f.lastRepairOn, daysBetween(tomorrow, f.today) > 0 ? f.today : tomorrow);
  const events: PendingEvent[] = [
    { type: 'STREAK_BROKEN', payload: { lost: s.current, longest: s.longest, recoveryQuestAvailable: quest.open } },
  ];
  if (quest.open && quest.expiresOn) events.push({ type: 'RECOVERY_QUEST_OFFERED', payload: { expiresOn: quest.expiresOn } });
  return { kind: 'BROKEN', events };
}

/**
 * The local days a close of D must close for one user, oldest first: every day not yet closed since
 * the last close (or since the user's first day), at most CATCH_UP_DAYS back from today, up to D.
 */
export function daysToClose(d: LocalDate, today: LocalDate, lastClosed: LocalDate | null, firstDay: LocalDate): LocalDate[] {
  const candidates = [firstDay, addDays(today, -CATCH_UP_DAYS)];
  if (lastClosed !== null) candidates.push(addDays(lastClosed, 1));
  const from = candidates.reduce((a, b) => (daysBetween(a, b) > 0 ? b : a));
  const days: LocalDate[] = [];
  for (let day = from; daysBetween(day, d) >= 0; day = addDays(day, 1)) days.push(day);
  return days;
}
