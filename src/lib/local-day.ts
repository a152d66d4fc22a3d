import { DateTime } from 'luxon';

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

const DAY_MS = 86_400_000;

/** The calendar date of `instant` in the IANA zone `timezone`. */
export function localDate(instant: Date, timezone: string): LocalDate {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate() as LocalDate;
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
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
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
