import { newPlayer, type Player } from '../support/client';
import { ACCEPT_INVITE, CREATE_INVITE, MENTEES } from '../support/mentors';
import { CHECK_IN } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Three mentees on scripted histories, in three timezones, read at one instant: 2026-06-30T20:00Z is
 * 2026-07-01 08:00 in Auckland (UTC+12), 2026-06-30 13:00 in Los Angeles (UTC−7) and 20:00 in UTC.
 * Every expected figure below is worked out by hand from the script.
 */
const NOW = '2026-06-30T20:00:00.000Z';

let server: TestServer;
let mentor: Player;
let auckland: Player;
let losAngeles: Player;
let utc: Player;

/** Check-in instants, UTC, with the local day each one is in. */
const script: [instant: string, who: () => Player][] = [
  ['2026-06-09T20:00:00Z', () => auckland], // Auckland 06-10 08:00
  ['2026-06-21T04:00:00Z', () => losAngeles], // LA 06-20 21:00 (already 06-21 in UTC)
  ['2026-06-23T04:00:00Z', () => losAngeles], // LA 06-22 21:00: grace day bridges 06-21
  ['2026-06-24T12:00:00Z', () => utc], // UTC 06-24
  ['2026-06-24T20:00:00Z', () => auckland], // Auckland 06-25
  ['2026-06-25T04:00:00Z', () => losAngeles], // LA 06-24 21:00: no grace left, streak resets
  ['2026-06-25T20:00:00Z', () => auckland], // Auckland 06-26
  ['2026-06-26T12:00:00Z', () => utc], // UTC 06-26: grace day
  ['2026-06-26T20:00:00Z', () => auckland], // Auckland 06-27
  ['2026-06-27T04:00:00Z', () => losAngeles], // LA 06-26 21:00: reset
  ['2026-06-27T20:00:00Z', () => auckland], // Auckland 06-28
  ['2026-06-28T12:00:00Z', () => utc], // UTC 06-28: reset
  ['2026-06-28T20:00:00Z', () => auckland], // Auckland 06-29
  ['2026-06-29T12:00:00Z', () => utc], // UTC 06-29
  ['2026-06-29T20:00:00Z', () => auckland], // Auckland 06-30
  ['2026-06-30T20:00:00Z', () => auckland], // Auckland 07-01 08:00 (today there)
];

beforeAll(async () => {
  server = await startTestServer();
  await server.setClock('2026-06-01T00:00:00Z');
  mentor = await newPlayer(server.graphqlUrl, { displayName: 'Mentor', timezone: 'Europe/Paris' });
  auckland = await newPlayer(server.graphqlUrl, { displayName: 'Aroha', timezone: 'Pacific/Auckland' });
  losAngeles = await newPlayer(server.graphqlUrl, { displayName: 'Lupe', timezone: 'America/Los_Angeles' });
  utc = await newPlayer(server.graphqlUrl, { displayName: 'Uma', timezone: 'UTC' });
  for (const mentee of [auckland, losAngeles, utc]) {
    const { createMentorInvite } = await mentee.client.ok(CREATE_INVITE);
    await mentor.client.ok(ACCEPT_INVITE, { code: createMentorInvite.code });
  }
  for (const [instant, who] of script) {
    await server.setClock(instant);
    await who().client.ok(CHECK_IN);
  }
  await server.setClock(NOW);
});
afterAll(() => server.stop());

/** The 30-day series as { date: xp } for days with XP, and the list of checked-in days. */
function summary(series: { date: string; checkedIn: boolean; xp: number }[]) {
  return {
    first: series[0].date,
    last: series[series.length - 1].date,
    length: series.length,
    checkedIn: series.filter((d) => d.checkedIn).map((d) => d.date),
    xp: Object.fromEntries(series.filter((d) => d.xp !== 0).map((d) => [d.date, d.xp])),
  };
}

test('figures per mentee, each on their own local days, sorted HIGH risk first', async () => {
  const { mentees } = await mentor.client.ok(MENTEES);
  expect(mentees.map((m: any) => m.user.displayName)).toEqual(['Lupe', 'Uma', 'Aroha']);
  const [lupe, uma, aroha] = mentees;

  // Los Angeles, today 06-30: check-ins 06-20, 06-22, 06-24, 06-26 (local). Last 7 days 06-24..06-30 hold 2.
  expect(lupe).toMatchObject({
    adherence7: 2 / 7,
    adherence30: 4 / 30,
    risk: 'HIGH',
    currentStreak: 0, // broken: 06-26 was 4 days ago
    longestStreak: 2,
    daysSinceLastCheckIn: 4,
  });
  expect(summary(lupe.series)).toEqual({
    first: '2026-06-01',
    last: '2026-06-30',
    length: 30,
    checkedIn: ['2026-06-20', '2026-06-22', '2026-06-24', '2026-06-26'],
    xp: { '2026-06-20': 11, '2026-06-22': 12, '2026-06-24': 11, '2026-06-26': 11 },
  });

  // UTC, today 06-30: check-ins 06-24, 06-26, 06-28, 06-29; not yet today, yesterday counted → AT_RISK.
  expect(uma).toMatchObject({
    adherence7: 4 / 7,
    adherence30: 4 / 30,
    risk: 'MEDIUM',
    currentStreak: 2,
    longestStreak: 2,
    daysSinceLastCheckIn: 1,
  });
  expect(summary(uma.series).xp).toEqual({ '2026-06-24': 11, '2026-06-26': 12, '2026-06-28': 11, '2026-06-29': 12 });

  // Auckland, today 07-01: check-ins 06-10 and 06-25..07-01 (7 days in a row).
  expect(aroha).toMatchObject({
    adherence7: 1,
    adherence30: 8 / 30,
    risk: 'LOW',
    currentStreak: 7,
    longestStreak: 7,
    daysSinceLastCheckIn: 0,
  });
  expect(summary(aroha.series)).toEqual({
    first: '2026-06-02',
    last: '2026-07-01',
    length: 30,
    checkedIn: ['2026-06-10', '2026-06-25', '2026-06-26', '2026-06-27', '2026-06-28', '2026-06-29', '2026-06-30', '2026-07-01'],
    xp: {
      '2026-06-10': 11,
      '2026-06-25': 11,
      '2026-06-26': 12,
      '2026-06-27': 13,
      '2026-06-28': 14,
      '2026-06-29': 15,
      '2026-06-30': 16,
      '2026-07-01': 17,
    },
  });
});

test('the figures follow the app clock: two local days later everyone has slipped', async () => {
  await server.setClock('2026-07-02T20:00:00Z'); // Auckland 07-03 08:00, LA 07-02 13:00, UTC 07-02 20:00
  const { mentees } = await mentor.client.ok(MENTEES);
  const byName = Object.fromEntries(mentees.map((m: any) => [m.user.displayName, m]));
  expect(byName.Aroha).toMatchObject({ adherence7: 5 / 7, daysSinceLastCheckIn: 2, currentStreak: 7, risk: 'MEDIUM' });
  expect(byName.Uma).toMatchObject({ adherence7: 3 / 7, daysSinceLastCheckIn: 3, currentStreak: 0, risk: 'HIGH' });
  expect(byName.Lupe).toMatchObject({ adherence7: 1 / 7, daysSinceLastCheckIn: 6, risk: 'HIGH' });
  expect(mentees.map((m: any) => m.user.displayName)).toEqual(['Lupe', 'Uma', 'Aroha']);
  await server.setClock(NOW);
});
