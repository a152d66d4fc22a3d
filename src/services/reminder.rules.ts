import { DateTime } from 'luxon';

import { daysBetween, type LocalDate } from '../lib/local-day';

/** Reminders and nudges (docs/arriving.md, reminders). Pure: every instant comes in, none is read from a clock. */

export const REMINDER_KINDS = ['CHECK_IN', 'INTENTION', 'HABIT', 'STREAK_AT_RISK', 'WEEKLY_REVIEW'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MAX_REMINDERS = 20;
export const MAX_PUSH_PER_DAY = { min: 1, max: 10, default: 4 } as const;

export interface QuietHours {
  /** Local HH:MM at which quiet starts (may be later than `end`: quiet then spans midnight). */
  start: string;
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '08:00' };

export interface ReminderSpec {
  kind: ReminderKind;
  localTime: string;
  weekdays: Weekday[];
  enabled: boolean;
}

/** What `register` sets up: a check-in reminder at 09:30 every day and the streak-at-risk nudges. */
export const DEFAULT_REMINDERS: readonly ReminderSpec[] = [
  { kind: 'CHECK_IN', localTime: '09:30', weekdays: [...WEEKDAYS], enabled: true },
  // The nudge schedule below decides when; its localTime is not used.
  { kind: 'STREAK_AT_RISK', localTime: '00:00', weekdays: [...WEEKDAYS], enabled: true },
];

/** Minutes after midnight of `HH:MM` (00:00..23:59), or null when it is not a time of day. */
export function parseLocalTime(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Longest DST gap handled (Lord Howe's is 30 min, most are 60; 3 h is far beyond any zone's). */
const MAX_GAP_MINUTES = 180;
const MINUTES_PER_DAY = 24 * 60;

/**
 * The instant at which `localTime` happens on local day `date` in `zone`: a time skipped by a DST gap
 * fires at the first valid minute after it; a time that happens twice (DST overlap) fires once, at its
 * first occurrence.
 */
export function fireInstantOn(date: LocalDate, localTime: string, zone: string): Date {
  const minutes = parseLocalTime(localTime);
  if (minutes === null) throw new RangeError(`not a local time: ${localTime}`);
  const [year, month, day] = date.split('-').map(Number);
  for (let m = minutes; m < Math.min(minutes + MAX_GAP_MINUTES, MINUTES_PER_DAY); m++) {
    const wall = { hour: Math.floor(m / 60), minute: m % 60 };
    const candidate = DateTime.fromObject({ year, month, day, ...wall }, { zone });
    // Skipped by a gap: luxon moved it; try the next minute.
    if (candidate.hour !== wall.hour || candidate.minute !== wall.minute) continue;
    for (const overlapMinutes of [60, 30]) {
      const earlier = candidate.minus({ minutes: overlapMinutes });
      if (earlier.hour === wall.hour && earlier.minute === wall.minute) return earlier.toJSDate();
    }
    return candidate.toJSDate();
  }
  // A gap reaching midnight: the next day's first instant.
  return DateTime.fromObject({ year, month, day }, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
}

/**
 * The next instant strictly after `after` at which a reminder at `localTime` on `weekdays` fires in
 * `zone` (null when it has no weekday). One fire per local day, so an overlap never fires twice.
 */
export function nextFireAt(localTime: string, weekdays: readonly Weekday[], zone: string, after: Date): Date | null {
  if (weekdays.length === 0) return null;
  let day = DateTime.fromJSDate(after, { zone }).startOf('day');
  for (let i = 0; i < 8; i++, day = day.plus({ days: 1 })) {
    if (!weekdays.includes(WEEKDAYS[day.weekday - 1])) continue;
    const at = fireInstantOn(day.toISODate() as LocalDate, localTime, zone);
    if (at.getTime() > after.getTime()) return at;
  }
  return null;
}

/** True when `instant` falls inside the quiet hours (local wall time in `zone`). */
export function inQuietHours(instant: Date, quiet: QuietHours, zone: string): boolean {
  const local = DateTime.fromJSDate(instant, { zone });
  const minute = local.hour * 60 + local.minute;
  const start = parseLocalTime(quiet.start) ?? 0;
  const end = parseLocalTime(quiet.end) ?? 0;
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The first instant at or after `instant` outside the quiet hours. */
export function quietHoursEnd(instant: Date, quiet: QuietHours, zone: string): Date {
  if (!inQuietHours(instant, quiet, zone)) return instant;
  const local = DateTime.fromJSDate(instant, { zone });
  const today = local.toISODate() as LocalDate;
  const endToday = fireInstantOn(today, quiet.end, zone);
  if (endToday.getTime() > instant.getTime()) return endToday;
  return fireInstantOn(local.plus({ days: 1 }).toISODate() as LocalDate, quiet.end, zone);
}

export const AT_RISK = {
  minStreak: 2,
  /** First nudge: last check-in + 23.5 h, or 3 h before expiry if that is sooner. */
  afterCheckInMs: 23.5 * 3_600_000,
  beforeExpiryMs: 3 * 3_600_000,
  minGapMs: 60 * 60_000,
  maxPerDay: 3,
  /** Quiet hours give way when the streak is at least this long and expiry is this close. */
  quietOverrideStreak: 7,
  quietOverrideMs: 2 * 3_600_000,
} as const;

export interface AtRiskFacts {
  status: 'NONE' | 'ACTIVE' | 'AT_RISK' | 'BROKEN';
  streak: number;
  lastCheckInAt: Date;
  expiresAt: Date;
  /** The nudges already sent for this at-risk streak, oldest first. */
  sent: readonly Date[];
  quiet: QuietHours;
  zone: string;
}

/**
 * When the next STREAK_AT_RISK nudge is due (null: none more). The first at min(last check-in + 23.5 h,
 * expiresAt − 3 h); each next one halfway from the previous to expiresAt, at least 60 min after it; at
 * most 3 a local day; quiet hours move it to their end, unless the streak is ≥ 7 and expiry ≤ 2 h away.
 */
export function nextAtRiskNudge(f: AtRiskFacts): Date | null {
  if (f.status !== 'AT_RISK' || f.streak < AT_RISK.minStreak) return null;
  const expires = f.expiresAt.getTime();
  const previous = f.sent.length ? f.sent[f.sent.length - 1].getTime() : null;
  let at =
    previous === null
      ? Math.min(f.lastCheckInAt.getTime() + AT_RISK.afterCheckInMs, expires - AT_RISK.beforeExpiryMs)
      : Math.max(previous + (expires - previous) / 2, previous + AT_RISK.minGapMs);
  for (let guard = 0; guard < 4 && at < expires; guard++) {
    const moved = placeOutsideLimits(at, f);
    if (moved === at) return new Date(at);
    at = moved;
  }
  return null;
}

/** `at` if the day cap and quiet hours allow it, else the next instant they might. */
function placeOutsideLimits(at: number, f: AtRiskFacts): number {
  const day = DateTime.fromMillis(at, { zone: f.zone }).toISODate();
  const sentThatDay = f.sent.filter((s) => DateTime.fromJSDate(s, { zone: f.zone }).toISODate() === day).length;
  if (sentThatDay >= AT_RISK.maxPerDay) return DateTime.fromMillis(at, { zone: f.zone }).startOf('day').plus({ days: 1 }).toMillis();
  const instant = new Date(at);
  if (!inQuietHours(instant, f.quiet, f.zone)) return at;
  const overrideFrom = f.expiresAt.getTime() - AT_RISK.quietOverrideMs;
  if (f.streak >= AT_RISK.quietOverrideStreak && at >= overrideFrom) return at;
  const end = quietHoursEnd(instant, f.quiet, f.zone).getTime();
  return f.streak >= AT_RISK.quietOverrideStreak && overrideFrom < end ? Math.max(at, overrideFrom) : end;
}

/** Local days without a check-in after which one reactivation notification goes out, then none. */
export const REACTIVATION_DAYS = [3, 7, 14, 30] as const;

/**
 * The reactivation milestone reached when local day `closedDay` ends with no check-in since
 * `lastActiveDay` (the last check-in, or the day of registration): 3, 7, 14 or 30, else null.
 * A day closes once, so each milestone is sent once.
 */
export function reactivationMilestone(lastActiveDay: LocalDate, closedDay: LocalDate): number | null {
  const missed = daysBetween(lastActiveDay, closedDay);
  return (REACTIVATION_DAYS as readonly number[]).includes(missed) ? missed : null;
}

/** What today looks like for a reminder's target (habits and reviews arrive with their issues). */
export interface TargetFacts {
  checkedInToday: boolean;
  intentionSetToday: boolean;
  /** Due habits all done today (true when none is due). */
  habitsDoneToday: boolean;
  weeklyReviewSeen: boolean;
}

/** A reminder fires only while its target is still undone that local day, and never during a vacation. */
export function shouldFire(kind: ReminderKind, facts: TargetFacts, onVacation: boolean): boolean {
  if (onVacation) return false;
  switch (kind) {
    case 'CHECK_IN':
    case 'STREAK_AT_RISK':
      return !facts.checkedInToday;
    case 'INTENTION':
      return !facts.intentionSetToday;
    case 'HABIT':
      return !facts.habitsDoneToday;
    case 'WEEKLY_REVIEW':
      return !facts.weeklyReviewSeen;
  }
}
