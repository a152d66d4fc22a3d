import { newPlayer } from '../support/client';
import { BUY_TOOL, CHECK_IN, USE_TOOL } from '../support/operations';
import { addDays, at, checkInDaily, expectLedgerMatchesXp, gameState, iso, seedLoyalty } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const D = '2026-03-02';
const midnightUtc = (date: string) => `${date}T00:00:00.000Z`;
const codes = (payload: { unlocked: { code: string }[] }) => payload.unlocked.map((u) => u.code);

test('a new player has no streak: status NONE, no expiry', async () => {
  await server.setClock(at(D));
  const p = await newPlayer(server.graphqlUrl);
  expect((await gameState(p.client)).streak).toEqual({
    current: 0,
    longest: 0,
    graceDays: 1,
    status: 'NONE',
    lastCheckInDate: null,
    expiresAt: null,
  });
});

test('consecutive days count up; STREAK_3 unlocks on the third; ACTIVE today, AT_RISK the next day', async () => {
  await server.setClock(at(D));
  const p = await newPlayer(server.graphqlUrl);
  const days = await checkInDaily(server, p.client, D, 3);
  expect(days.map((d) => d.gameState.streak.current)).toEqual([1, 2, 3]);
  expect(days.map((d) => d.xpGained)).toEqual([11, 12, 13]);
  expect(days.map(codes)).toEqual([['FIRST_CHECK_IN'], [], ['STREAK_3']]);
  const today = days[2].gameState.streak;
  // with a grace day held, a check-in continues the streak until the end of lastDay + 2
  expect({ ...today, expiresAt: iso(today.expiresAt) }).toEqual({
    current: 3,
    longest: 3,
    graceDays: 1,
    status: 'ACTIVE',
    lastCheckInDate: addDays(D, 2),
    expiresAt: midnightUtc(addDays(D, 5)),
  });

  await server.setClock(at(addDays(D, 3), '08:00'));
  const next = await gameState(p.client);
  expect(next.checkedInToday).toBe(false);
  expect(next.streak).toMatchObject({ current: 3, status: 'AT_RISK' });
  expect(iso(next.streak.expiresAt)).toBe(midnightUtc(addDays(D, 5)));
  await expectLedgerMatchesXp(server, p);
});

test('one missed day is bridged by a grace day (1 → 0); then expiry moves to lastDay + 2 and BROKEN at that instant', async () => {
  await server.setClock(at(D));
  const p = await newPlayer(server.graphqlUrl);
  await checkInDaily(server, p.client, D, 2);

  await server.setClock(at(addDays(D, 2)));
  const missed = await gameState(p.client);
  expect(missed.streak).toMatchObject({ current: 2, graceDays: 1, status: 'AT_RISK' });
  expect(iso(missed.streak.expiresAt)).toBe(midnightUtc(addDays(D, 4)));

  await server.setClock(at(addDays(D, 3)));
  const bridged = (await p.client.ok(CHECK_IN)).checkIn;
  expect(bridged.xpGained).toBe(13);
  expect(bridged.gameState.streak).toMatchObject({
    current: 3,
    longest: 3,
    graceDays: 0,
    status: 'ACTIVE',
    lastCheckInDate: addDays(D, 3),
  });
  // no grace left: the streak ends unless the very next day is checked in
  expect(iso(bridged.gameState.streak.expiresAt)).toBe(midnightUtc(addDays(D, 5)));

  await server.setClock(`${addDays(D, 4)}T23:59:59Z`);
  expect((await gameState(p.client)).streak.status).toBe('AT_RISK');
  await server.setClock(midnightUtc(addDays(D, 5)));
  expect((await gameState(p.client)).streak).toMatchObject({ current: 3, status: 'BROKEN' });
  await expectLedgerMatchesXp(server, p);
});

test('two missed days reset the streak to 1 (grace kept, longest kept)', async () => {
  await server.setClock(at(D));
  const p = await newPlayer(server.graphqlUrl);
  await checkInDaily(server, p.client, D, 2);
  await server.setClock(at(addDays(D, 4)));
  expect((await gameState(p.client)).streak).toMatchObject({ current: 2, status: 'BROKEN' });
  const reset = (await p.client.ok(CHECK_IN)).checkIn;
  expect(reset.xpGained).toBe(11);
  expect(reset.gameState.streak).toMatchObject({ current: 1, longest: 2, graceDays: 1, status: 'ACTIVE', lastCheckInDate: addDays(D, 4) });
  await expectLedgerMatchesXp(server, p);
});

test('a grace day is earned at streak 7 and 14, never more than 2 held; STREAK_7 unlocks', async () => {
  await server.setClock(at(D));
  const p = await newPlayer(server.graphqlUrl);
  const week = await checkInDaily(server, p.client, D, 7);
  expect(week.map((d) => d.gameState.streak.graceDays)).toEqual([1, 1, 1, 1, 1, 1, 2]);
  expect(codes(week[6])).toEqual(['STREAK_7']);

  // skip D+7: the check-in on D+8 spends a grace day (2 → 1)
  const second = await checkInDaily(server, p.client, addDays(D, 8), 7);
  expect(second.map((d) => d.gameState.streak.current)).toEqual([8, 9, 10, 11, 12, 13, 14]);
  expect(second.map((d) => d.gameState.streak.graceDays)).toEqual([1, 1, 1, 1, 1, 1, 2]);

  // at streak 21 the grace days stay capped at 2
  const third = await checkInDaily(server, p.client, addDays(D, 15), 7);
  expect(third.map((d) => d.gameState.streak.graceDays)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  expect(third[6].gameState.streak).toMatchObject({ current: 21, longest: 21 });

  // two grace days bridge two missed days in a row, one each (docs/rules.md, streaks)
  await server.setClock(at(addDays(D, 24)));
  expect((await gameState(p.client)).streak).toMatchObject({ current: 21, graceDays: 2, status: 'AT_RISK' });
  const bridged = (await p.client.ok(CHECK_IN)).checkIn;
  expect(bridged.gameState.streak).toMatchObject({ current: 22, longest: 22, graceDays: 0 });
  // with none left, one missed day breaks it
  await server.setClock(at(addDays(D, 26)));
  expect((await gameState(p.client)).streak).toMatchObject({ current: 22, graceDays: 0, status: 'BROKEN' });
  const reset = (await p.client.ok(CHECK_IN)).checkIn;
  expect(reset.gameState.streak).toMatchObject({ current: 1, longest: 22, graceDays: 0 });
  await expectLedgerMatchesXp(server, p);
});

test('a STREAK_SHIELD brings the grace days to 2 (not usable at 2); two missed days are then bridged, GRACE_DAYS_USED says 2', async () => {
  await server.setClock(at(D));
  const p = await newPlayer(server.graphqlUrl);
  await p.client.ok(CHECK_IN);
  await seedLoyalty(server, p.id, 100);
  await p.client.ok(BUY_TOOL, { code: 'STREAK_SHIELD' });
  await p.client.ok(BUY_TOOL, { code: 'STREAK_SHIELD' });
  expect((await p.client.ok(USE_TOOL, { code: 'STREAK_SHIELD' })).useTool.streak.graceDays).toBe(2);
  await p.client.fails('TOOL_NOT_USABLE', USE_TOOL, { code: 'STREAK_SHIELD' });
  await server.setClock(at(addDays(D, 3)));
  const state = await gameState(p.client);
  expect(state.streak).toMatchObject({ current: 1, graceDays: 2, status: 'AT_RISK', expiresAt: midnightUtc(addDays(D, 4)) });
  const bridged = (await p.client.ok(CHECK_IN)).checkIn;
  expect(bridged.gameState.streak).toMatchObject({ current: 2, graceDays: 0, lastCheckInDate: addDays(D, 3) });
  const [used] = await server.app.db.query<{ payload: unknown }>(
    `SELECT payload FROM game_events WHERE user_id = $1 AND type = 'GRACE_DAYS_USED'`,
    [p.id],
  );
  expect(used.payload).toEqual({ count: 2, graceDays: 0 });
});

describe("the user's local day", () => {
  test('Pacific/Auckland (UTC+12 in June): 11:30 UTC and 12:30 UTC are different local days', async () => {
    await server.setClock('2026-06-10T11:30:00Z');
    const kiwi = await newPlayer(server.graphqlUrl, { timezone: 'Pacific/Auckland' });
    const utc = await newPlayer(server.graphqlUrl);
    const late = (await kiwi.client.ok(CHECK_IN)).checkIn;
    expect(late.checkIn.date).toBe('2026-06-10');
    expect(late.gameState.today).toBe('2026-06-10');
    expect((await utc.client.ok(CHECK_IN)).checkIn.checkIn.date).toBe('2026-06-10');

    await server.setClock('2026-06-10T12:30:00Z');
    const before = await gameState(kiwi.client);
    expect(before).toMatchObject({ today: '2026-06-11', checkedInToday: false, streak: { status: 'AT_RISK' } });
    const early = (await kiwi.client.ok(CHECK_IN)).checkIn;
    expect(early.checkIn.date).toBe('2026-06-11');
    expect(early.gameState.streak).toMatchObject({ current: 2, lastCheckInDate: '2026-06-11' });
    // expiry is the start of 2026-06-14 in Auckland
    expect(iso(early.gameState.streak.expiresAt)).toBe('2026-06-13T12:00:00.000Z');
    await utc.client.fails('ALREADY_CHECKED_IN', CHECK_IN);
    await expectLedgerMatchesXp(server, kiwi);
  });

  test('America/Los_Angeles (UTC−7 in June): 06:30 UTC is the evening before, 07:30 UTC the next day', async () => {
    await server.setClock('2026-06-11T06:30:00Z');
    const p = await newPlayer(server.graphqlUrl, { timezone: 'America/Los_Angeles' });
    const evening = (await p.client.ok(CHECK_IN)).checkIn;
    expect(evening.checkIn.date).toBe('2026-06-10');
    await server.setClock('2026-06-11T07:30:00Z');
    const morning = (await p.client.ok(CHECK_IN)).checkIn;
    expect(morning.checkIn.date).toBe('2026-06-11');
    expect(morning.gameState.streak).toMatchObject({ current: 2, status: 'ACTIVE' });
    expect(iso(morning.gameState.streak.expiresAt)).toBe('2026-06-14T07:00:00.000Z');
    await expectLedgerMatchesXp(server, p);
  });

  test('America/Los_Angeles across the DST switch: the streak expires at local midnight (07:00 UTC, not 08:00)', async () => {
    await server.setClock('2026-03-06T20:00:00Z'); // noon PST
    const p = await newPlayer(server.graphqlUrl, { timezone: 'America/Los_Angeles' });
    const checkIn = (await p.client.ok(CHECK_IN)).checkIn;
    expect(checkIn.checkIn.date).toBe('2026-03-06');
    // lastDay 03-06 with a grace day: expires at the start of 03-09, which is in PDT
    expect(iso(checkIn.gameState.streak.expiresAt)).toBe('2026-03-09T07:00:00.000Z');
    await server.setClock('2026-03-09T06:59:59Z');
    expect((await gameState(p.client)).streak.status).toBe('AT_RISK');
    await server.setClock('2026-03-09T07:00:00Z');
    const broken = await gameState(p.client);
    expect(broken).toMatchObject({ today: '2026-03-09', streak: { status: 'BROKEN' } });
  });
});
