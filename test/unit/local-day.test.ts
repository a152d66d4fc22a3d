import { DateTime } from 'luxon';

import { addDays, daysBetween, isIanaTimezone, localDate, startOfLocalDay } from '../../src/lib/local-day';

const HOUR_MS = 3_600_000;
const at = (iso: string): Date => new Date(iso);
const dayLengthHours = (date: string, zone: string): number =>
  (startOfLocalDay(addDays(date, 1), zone).getTime() - startOfLocalDay(date, zone).getTime()) / HOUR_MS;

describe('localDate: the calendar date in the user zone', () => {
  test.each([
    ['2024-01-15T11:30:00Z', 'UTC', '2024-01-15'],
    ['2024-01-15T11:30:00Z', 'Pacific/Auckland', '2024-01-16'], // 00:30 NZDT (+13)
    ['2024-01-15T11:30:00Z', 'America/Los_Angeles', '2024-01-15'], // 03:30 PST (−8)
    ['2024-01-15T11:30:00Z', 'Asia/Kolkata', '2024-01-15'], // 17:00 IST (+5:30)
    ['2024-01-15T05:00:00Z', 'America/Los_Angeles', '2024-01-14'], // 21:00 the evening before
    ['2024-01-15T20:00:00Z', 'Asia/Kolkata', '2024-01-16'], // 01:30 the next morning
  ])('%s in %s is %s', (iso, zone, date) => {
    expect(localDate(at(iso), zone)).toBe(date);
  });

  test.each([
    // zone, last instant of the previous day, first instant of the day, the day
    ['Asia/Kolkata', '2024-01-14T18:29:59.999Z', '2024-01-14T18:30:00.000Z', '2024-01-15'],
    ['America/Los_Angeles', '2024-01-15T07:59:59.999Z', '2024-01-15T08:00:00.000Z', '2024-01-15'], // PST
    ['America/Los_Angeles', '2024-07-15T06:59:59.999Z', '2024-07-15T07:00:00.000Z', '2024-07-15'], // PDT
    ['Pacific/Auckland', '2024-01-15T10:59:59.999Z', '2024-01-15T11:00:00.000Z', '2024-01-16'], // NZDT
    ['Pacific/Auckland', '2024-07-15T11:59:59.999Z', '2024-07-15T12:00:00.000Z', '2024-07-16'], // NZST
    ['Europe/Paris', '2024-03-30T22:59:59.999Z', '2024-03-30T23:00:00.000Z', '2024-03-31'],
    ['Europe/Paris', '2024-10-26T21:59:59.999Z', '2024-10-26T22:00:00.000Z', '2024-10-27'],
    ['UTC', '2024-12-31T23:59:59.999Z', '2025-01-01T00:00:00.000Z', '2025-01-01'],
  ])('%s: the day turns between %s and %s', (zone, before, after, date) => {
    expect(localDate(at(before), zone)).toBe(addDays(date, -1));
    expect(localDate(at(after), zone)).toBe(date);
  });

  test.each(['Pacific/Auckland', 'America/Los_Angeles', 'Europe/Paris', 'Asia/Kolkata', 'Australia/Lord_Howe'])(
    'the cached day agrees with a fresh computation every 20 minutes of a year, forwards and backwards (%s)',
    (zone) => {
      const fresh = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate();
      const start = Date.parse('2024-01-01T00:00:00Z');
      const step = 20 * 60_000;
      const steps = (366 * 24 * 60) / 20;
      const mismatches: string[] = [];
      const check = (ms: number) => localDate(new Date(ms), zone) !== fresh(ms) && mismatches.push(new Date(ms).toISOString());
      for (let i = 0; i < steps; i++) check(start + i * step);
      for (let i = steps; i >= 0; i -= 7) check(start + i * step);
      expect(mismatches).toEqual([]);
    },
  );

  test('one instant is a different day in Auckland than in Los Angeles', () => {
    const instant = at('2024-06-15T13:00:00Z');
    expect(localDate(instant, 'Pacific/Auckland')).toBe('2024-06-16');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2024-06-15');
    expect(localDate(instant, 'Asia/Kolkata')).toBe('2024-06-15');
  });
});

describe('addDays and daysBetween: calendar arithmetic', () => {
  test.each([
    ['2024-03-10', 0, '2024-03-10'],
    ['2024-03-10', 1, '2024-03-11'],
    ['2024-03-10', -1, '2024-03-09'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-28', 2, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-30', 2, '2024-04-01'], // across a DST change in Europe: still calendar days
    ['2024-10-26', 2, '2024-10-28'],
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %i = %s', (date, days, result) => {
    expect(addDays(date, days)).toBe(result);
    expect(daysBetween(date, result)).toBe(days);
    expect(daysBetween(result, date) + days).toBe(0);
  });

  test('daysBetween counts a leap year as 366 and a common year as 365', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
  });

  test('addDays and daysBetween are inverse over five years', () => {
    for (let n = -900; n <= 900; n += 1) {
      expect(daysBetween('2024-03-10', addDays('2024-03-10', n))).toBe(n);
    }
  });
});

describe('startOfLocalDay: DST-aware day starts', () => {
  test.each([
    ['2024-03-31', 'Europe/Paris', '2024-03-30T23:00:00.000Z', 23],
    ['2024-10-27', 'Europe/Paris', '2024-10-26T22:00:00.000Z', 25],
    ['2024-03-10', 'America/New_York', '2024-03-10T05:00:00.000Z', 23],
    ['2024-11-03', 'America/New_York', '2024-11-03T04:00:00.000Z', 25],
    ['2024-09-29', 'Pacific/Auckland', '2024-09-28T12:00:00.000Z', 23],
    ['2024-04-07', 'Pacific/Auckland', '2024-04-06T11:00:00.000Z', 25],
    ['2024-03-10', 'America/Los_Angeles', '2024-03-10T08:00:00.000Z', 23],
    ['2024-03-10', 'Asia/Kolkata', '2024-03-09T18:30:00.000Z', 24],
    ['2024-06-01', 'Europe/Paris', '2024-05-31T22:00:00.000Z', 24],
    ['2024-06-01', 'UTC', '2024-06-01T00:00:00.000Z', 24],
    // Santiago skips midnight when DST starts: the day begins at 01:00 local (−03).
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z', 23],
  ])('%s in %s starts at %s and lasts %i hours', (date, zone, start, hours) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(start);
    expect(dayLengthHours(date, zone)).toBe(hours);
  });

  test.each([
    ['2024-03-31', 'Europe/Paris'],
    ['2024-04-01', 'Europe/Paris'],
    ['2024-10-27', 'Europe/Paris'],
    ['2024-10-28', 'Europe/Paris'],
    ['2024-03-10', 'America/New_York'],
    ['2024-11-03', 'America/New_York'],
    ['2024-11-04', 'America/New_York'],
    ['2024-09-29', 'Pacific/Auckland'],
    ['2024-04-07', 'Pacific/Auckland'],
    ['2024-09-08', 'America/Santiago'],
    ['2024-07-01', 'Asia/Kolkata'],
  ])('%s in %s: its start is on that day and the millisecond before is the day before', (date, zone) => {
    const start = startOfLocalDay(date, zone);
    expect(localDate(start, zone)).toBe(date);
    expect(localDate(new Date(start.getTime() - 1), zone)).toBe(addDays(date, -1));
  });
});

describe('isIanaTimezone', () => {
  test.each([
    'UTC',
    'Etc/UTC',
    'Europe/Paris',
    'America/New_York',
    'America/Los_Angeles',
    'Pacific/Auckland',
    'Asia/Kolkata',
    'America/Argentina/Buenos_Aires',
    // aliases
    'Asia/Calcutta',
    'US/Pacific',
    'Europe/Kiev',
    'Europe/Kyiv',
    'GMT',
    'Etc/GMT',
    'EST',
    // IANA's fixed-offset zones
    'Etc/GMT+1',
    'Etc/GMT-14',
    'Etc/GMT+12',
  ])('accepts %j', (zone) => {
    expect(isIanaTimezone(zone)).toBe(true);
  });

  test.each(['Mars/Base', '+01:00', '-05:00', '', ' ', 'UTC+1', 'GMT+1', 'Z', 'Local', 'Europe/Paris ', 'Etc/GMT+13', 'Etc/Unknown'])(
    'refuses %j',
    (zone) => {
      expect(isIanaTimezone(zone)).toBe(false);
    },
  );

  test('an accepted fixed-offset zone works with the local-day functions', () => {
    expect(localDate(at('2024-01-01T00:30:00Z'), 'Etc/GMT+1')).toBe('2023-12-31');
    expect(startOfLocalDay('2024-01-01', 'Etc/GMT+1').toISOString()).toBe('2024-01-01T01:00:00.000Z');
  });
});
