import {
  type AtRiskFacts,
  DEFAULT_QUIET_HOURS,
  DEFAULT_REMINDERS,
  fireInstantOn,
  inQuietHours,
  MAX_PUSH_PER_DAY,
  MAX_REMINDERS,
  nextAtRiskNudge,
  nextFireAt,
  parseLocalTime,
  quietHoursEnd,
  reactivationMilestone,
  shouldFire,
  WEEKDAYS,
} from '../../src/services/reminder.rules';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('defaults and limits', () => {
  test('register gets a daily 09:30 check-in reminder and the streak-at-risk nudges; quiet 22:00–08:00; 4 pushes a day', () => {
    expect(DEFAULT_REMINDERS).toEqual([
      { kind: 'CHECK_IN', localTime: '09:30', weekdays: [...WEEKDAYS], enabled: true },
      expect.objectContaining({ kind: 'STREAK_AT_RISK', enabled: true }),
    ]);
    expect(DEFAULT_QUIET_HOURS).toEqual({ start: '22:00', end: '08:00' });
    expect(MAX_PUSH_PER_DAY).toEqual({ min: 1, max: 10, default: 4 });
    expect(MAX_REMINDERS).toBe(20);
  });

  test.each([
    ['09:30', 570],
    ['00:00', 0],
    ['23:59', 1439],
    ['25:00', null],
    ['24:00', null],
    ['9:30', null],
    ['12:60', null],
    ['noon', null],
  ])('local time %s → %s minutes', (text, minutes) => {
    expect(parseLocalTime(text)).toBe(minutes);
  });
});

describe('next fire time', () => {
  test('today when still ahead, else tomorrow; in the user zone', () => {
    expect(iso(nextFireAt('09:30', WEEKDAYS, 'UTC', at('2026-06-01T09:00:00Z')))).toBe('2026-06-01T09:30:00.000Z');
    expect(iso(nextFireAt('09:30', WEEKDAYS, 'UTC', at('2026-06-01T09:30:00Z')))).toBe('2026-06-02T09:30:00.000Z');
    expect(iso(nextFireAt('09:30', WEEKDAYS, 'America/Los_Angeles', at('2026-06-01T12:00:00Z')))).toBe('2026-06-01T16:30:00.000Z');
    expect(iso(nextFireAt('09:30', WEEKDAYS, 'Asia/Kolkata', at('2026-06-01T12:00:00Z')))).toBe('2026-06-02T04:00:00.000Z');
  });

  test('only on its weekdays (2026-06-01 is a Monday); none without weekdays', () => {
    expect(iso(nextFireAt('09:30', ['MON'], 'UTC', at('2026-06-02T08:00:00Z')))).toBe('2026-06-08T09:30:00.000Z');
    expect(iso(nextFireAt('09:30', ['SAT', 'SUN'], 'UTC', at('2026-06-01T08:00:00Z')))).toBe('2026-06-06T09:30:00.000Z');
    expect(nextFireAt('09:30', [], 'UTC', at('2026-06-01T08:00:00Z'))).toBeNull();
  });

  test('a time in the DST gap fires at the first valid minute after it', () => {
    // New York springs forward on 2026-03-08: 02:00 EST → 03:00 EDT.
    expect(iso(fireInstantOn('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(fireInstantOn('2026-03-08', '03:15', 'America/New_York'))).toBe('2026-03-08T07:15:00.000Z');
    // Berlin on 2026-03-29: 02:00 CET → 03:00 CEST.
    expect(iso(nextFireAt('02:10', WEEKDAYS, 'Europe/Berlin', at('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
  });

  test('an ambiguous time fires once, at its first occurrence', () => {
    // New York falls back on 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    const first = nextFireAt('01:30', WEEKDAYS, 'America/New_York', at('2026-11-01T00:00:00Z'));
    expect(iso(first)).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(nextFireAt('01:30', WEEKDAYS, 'America/New_York', first as Date))).toBe('2026-11-02T06:30:00.000Z');
    expect(iso(fireInstantOn('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('quiet hours', () => {
  test.each([
    ['2026-06-01T21:59:00Z', false],
    ['2026-06-01T22:00:00Z', true],
    ['2026-06-01T23:30:00Z', true],
    ['2026-06-02T07:59:00Z', true],
    ['2026-06-02T08:00:00Z', false],
  ])('22:00–08:00 UTC: %s quiet = %s', (instant, quiet) => {
    expect(inQuietHours(at(instant), DEFAULT_QUIET_HOURS, 'UTC')).toBe(quiet);
  });

  test('their end is the next 08:00 local', () => {
    expect(iso(quietHoursEnd(at('2026-06-01T23:00:00Z'), DEFAULT_QUIET_HOURS, 'UTC'))).toBe('2026-06-02T08:00:00.000Z');
    expect(iso(quietHoursEnd(at('2026-06-02T03:00:00Z'), DEFAULT_QUIET_HOURS, 'UTC'))).toBe('2026-06-02T08:00:00.000Z');
    // 23:00 in Los Angeles (PDT) is 06:00Z; quiet ends at 08:00 PDT = 15:00Z.
    expect(iso(quietHoursEnd(at('2026-06-02T06:00:00Z'), DEFAULT_QUIET_HOURS, 'America/Los_Angeles'))).toBe('2026-06-02T15:00:00.000Z');
    expect(iso(quietHoursEnd(at('2026-06-02T12:00:00Z'), DEFAULT_QUIET_HOURS, 'UTC'))).toBe('2026-06-02T12:00:00.000Z');
  });
});

describe('the streak-at-risk nudges', () => {
  // Checked in 2026-06-01 09:00 UTC with no grace day: the streak expires at 2026-06-03 00:00 UTC.
  const facts = {
    status: 'AT_RISK' as AtRiskFacts['status'],
    streak: 5,
    lastCheckInAt: at('2026-06-01T09:00:00Z'),
    expiresAt: at('2026-06-03T00:00:00Z'),
    sent: [] as Date[],
    quiet: DEFAULT_QUIET_HOURS,
    zone: 'UTC',
  };
  const next = (over: Partial<typeof facts>) => iso(nextAtRiskNudge({ ...facts, ...over }));

  test('first at min(last check-in + 23.5 h, expiresAt − 3 h), then halfway to expiry, at most 3 a day', () => {
    expect(next({})).toBe('2026-06-02T08:30:00.000Z');
    expect(next({ lastCheckInAt: at('2026-06-01T21:30:00Z') })).toBe('2026-06-02T21:00:00.000Z');
    expect(next({ sent: [at('2026-06-02T08:30:00Z')] })).toBe('2026-06-02T16:15:00.000Z');
    expect(next({ sent: [at('2026-06-02T08:30:00Z'), at('2026-06-02T16:15:00Z')] })).toBe('2026-06-02T20:07:30.000Z');
    expect(next({ sent: [at('2026-06-02T08:30:00Z'), at('2026-06-02T16:15:00Z'), at('2026-06-02T20:07:30Z')] })).toBeNull();
  });

  test('at least 60 minutes apart', () => {
    // Halfway from 20:30 to 00:00 would be 22:15; the gap is already 1 h 45 — allowed; from 22:45 it is 23:22:30, moved to 23:45.
    expect(next({ streak: 9, sent: [at('2026-06-02T20:30:00Z')] })).toBe('2026-06-02T22:15:00.000Z');
    expect(next({ streak: 9, sent: [at('2026-06-02T22:45:00Z')] })).toBe('2026-06-02T23:45:00.000Z');
    expect(next({ streak: 9, sent: [at('2026-06-02T23:15:00Z')] })).toBeNull();
  });

  test('quiet hours silence it, unless the streak is ≥ 7 and expiry is ≤ 2 h away', () => {
    // First nudge due at 04:30, inside quiet hours: moved to 08:00.
    expect(next({ lastCheckInAt: at('2026-06-01T05:00:00Z') })).toBe('2026-06-02T08:00:00.000Z');
    // A streak of 5 after a 21:00 nudge: 22:30 is quiet and quiet lasts past expiry → none.
    expect(next({ sent: [at('2026-06-02T21:00:00Z')] })).toBeNull();
    // A streak of 7: 22:30 is quiet but expiry is 1.5 h away → it fires.
    expect(next({ streak: 7, sent: [at('2026-06-02T21:00:00Z')] })).toBe('2026-06-02T22:30:00.000Z');
    // Quiet from 20:00: after a 19:00 nudge, halfway is 21:30 (quiet, 2.5 h to expiry) → waits until 2 h before expiry.
    const early = { start: '20:00', end: '08:00' };
    expect(next({ streak: 7, quiet: early, sent: [at('2026-06-02T19:00:00Z')] })).toBe('2026-06-02T22:00:00.000Z');
    expect(next({ streak: 6, quiet: early, sent: [at('2026-06-02T19:00:00Z')] })).toBeNull();
  });

  test('nothing unless AT_RISK with a streak of at least 2', () => {
    expect(next({ status: 'ACTIVE' })).toBeNull();
    expect(next({ status: 'BROKEN' })).toBeNull();
    expect(next({ streak: 1 })).toBeNull();
    expect(next({ streak: 2 })).toBe('2026-06-02T08:30:00.000Z');
  });
});

describe('reactivation', () => {
  test.each([
    ['2026-06-03', null],
    ['2026-06-04', 3],
    ['2026-06-05', null],
    ['2026-06-08', 7],
    ['2026-06-15', 14],
    ['2026-07-01', 30],
    ['2026-07-02', null],
    ['2026-08-01', null],
  ])('last active 2026-06-01, day %s closes → %s', (closed, milestone) => {
    expect(reactivationMilestone('2026-06-01', closed)).toBe(milestone);
  });
});

describe('fires only when undone, never on vacation', () => {
  const undone = { checkedInToday: false, intentionSetToday: false, habitsDoneToday: false, weeklyReviewSeen: false };
  test.each([
    ['CHECK_IN', { checkedInToday: true }, false],
    ['CHECK_IN', {}, true],
    ['STREAK_AT_RISK', { checkedInToday: true }, false],
    ['INTENTION', { intentionSetToday: true }, false],
    ['INTENTION', { checkedInToday: true }, true],
    ['HABIT', { habitsDoneToday: true }, false],
    ['WEEKLY_REVIEW', {}, true],
  ] as const)('%s with %j → %s', (kind, done, fires) => {
    expect(shouldFire(kind, { ...undone, ...done }, false)).toBe(fires);
  });
  test('a vacation silences every kind', () => {
    expect(shouldFire('CHECK_IN', undone, true)).toBe(false);
  });
});
