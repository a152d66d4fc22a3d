import { DateTime } from 'luxon';

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

const DAY_MS = 86_400_000;

/** A zone's current day and the instants it spans, so most calls skip the time-zone arithmetic. */
interface DaySpan {
  date: LocalDate;
  startMs: number;
  endMs: number;
}

/** Bounds the caches below: far more zones or days than one process meets before they are cleared. */
const CACHE_LIMIT = 5_000;
const spans = new Map<string, DaySpan>();
const dayStarts = new Map<string, Date>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The calendar date of `instant` in the IANA zone `timezone`. */
export function localDate(instant: Date, timezone: string): LocalDate {
  const ms = instant.getTime();
  const span = spans.get(timezone);
  if (span && ms >= span.startMs && ms < span.endMs) return span.date;
  const start = DateTime.fromMillis(ms, { zone: timezone }).startOf('day');
  const date = start.toISODate() as LocalDate;
  remember(spans, timezone, { date, startMs: start.toMillis(), endMs: start.plus({ days: 1 }).toMillis() });
  return date;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The first instant of `date` in `timezone` (DST-aware: a day may be 23 or 25 hours long). */
export function startOfLocalDay(date: LocalDate, timezone: string): Date {
  const key = `${timezone} ${date}`;
  const start = dayStarts.get(key) ?? remember(dayStarts, key, DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate());
  // A copy: callers own the Date they get.
  return new Date(start.getTime());
}

/** True when `timezone` is a real IANA zone name (aliases accepted, raw offsets refused). */
export function isIanaTimezone(timezone: string): boolean {
  if (timezone === 'UTC') return true;
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
    return zones().has(canonical) || zones().has(timezone) || ETC_OFFSET_ZONE.test(canonical);
  } catch {
    return false;
  }
}

/** IANA's fixed-offset zones (Etc/GMT-14 .. Etc/GMT+12), which Intl.supportedValuesOf leaves out. */
const ETC_OFFSET_ZONE = /^Etc\/GMT(?:[+-](?:[1-9]|1[0-2])|-1[34])$/;

let zoneSet: Set<string> | undefined;
function zones(): Set<string> {
  zoneSet ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  return zoneSet;
}
