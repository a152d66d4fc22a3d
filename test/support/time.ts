import { DateTime } from 'luxon';

import type { TestServer } from '../support/server';

export interface StoredEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** The user's events after `afterId`, oldest first, straight from the outbox. */
export async function eventsOf(server: TestServer, userId: string, afterId = '0'): Promise<StoredEvent[]> {
  return server.app.db.query<StoredEvent>(
    `SELECT id::text AS id, type, payload FROM game_events e WHERE user_id = $1 AND e.id > $2 ORDER BY e.id`,
    [userId, afterId],
  );
}

/** The types of the user's events after `afterId`. */
export async function eventTypes(server: TestServer, userId: string, afterId = '0'): Promise<string[]> {
  return (await eventsOf(server, userId, afterId)).map((e) => e.type);
}

/** The id of the user's last event ('0' when none): pass it to eventsOf to see only what follows. */
export async function lastEventId(server: TestServer, userId: string): Promise<string> {
  const events = await eventsOf(server, userId);
  return events.length ? events[events.length - 1].id : '0';
}

/** The ISO instant of local `time` on `date` in `zone`. */
export function localInstant(date: string, zone: string, time = '12:00'): string {
  return DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO() as string;
}

/** The first instant of local `date` in `zone`, moved by `minutes`. */
export function startOfDay(date: string, zone: string, minutes = 0): string {
  return DateTime.fromISO(date, { zone }).startOf('day').plus({ minutes }).toUTC().toISO() as string;
}

/** Hours in local `date` of `zone` (23 or 25 on DST changes). */
export function hoursIn(date: string, zone: string): number {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return start.plus({ days: 1 }).diff(start, 'hours').hours;
}

/** The day_closes rows of a user, oldest first. */
export async function closesOf(server: TestServer, userId: string): Promise<{ date: string; streak_event: string | null }[]> {
  return server.app.db.query(`SELECT date::text AS date, streak_event FROM day_closes WHERE user_id = $1 ORDER BY date`, [userId]);
}
