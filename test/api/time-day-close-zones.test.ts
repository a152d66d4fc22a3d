import { newPlayer, type Player } from '../support/client';
import { CHECK_IN, COMPLETE_SPRINT, SET_INTENTION, START_RECOVERY, START_SPRINT } from '../support/operations';
import { addDays, gameState } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';
import { eventsOf, eventTypes, hoursIn, lastEventId, localInstant, startOfDay } from '../support/time';

jest.setTimeout(120_000);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { isolatedDatabase: true });
});
afterAll(() => server.stop());

/** Each zone with its two DST changes of 2024 (UTC has none: the same dates stay 24 hours). */
const ZONES: [string, { date: string; hours: number }[]][] = [
  [
    'UTC',
    [
      { date: '2024-03-10', hours: 24 },
      { date: '2024-11-03', hours: 24 },
    ],
  ],
  [
    'Pacific/Auckland',
    [
      { date: '2024-04-07', hours: 25 },
      { date: '2024-09-29', hours: 23 },
    ],
  ],
  [
    'America/Los_Angeles',
    [
      { date: '2024-03-10', hours: 23 },
      { date: '2024-11-03', hours: 25 },
    ],
  ],
  [
    'Australia/Adelaide',
    [
      { date: '2024-04-07', hours: 25 },
      { date: '2024-10-06', hours: 23 },
    ],
  ],
];

/** Moves the test clock; the route answers after the jobs due by then ran. */
const moveTo = (iso: string) => server.moveClock({ now: iso });

describe.each(ZONES)('day close in %s', (zone, changes) => {
  test.each(changes)('every step with its numbers, the missed day being the DST change of $date ($hours h)', async ({ date, hours }) => {
    expect(hoursIn(date, zone)).toBe(hours);
    const P = addDays(date, -1);
    await moveTo(localInstant(P, zone, '12:00'));
    const player: Player = await newPlayer(server.graphqlUrl, { timezone: zone });
    await player.client.ok(CHECK_IN, { input: { mood: 4 } });
    await player.client.ok(SET_INTENTION, { input: { text: 'Ship the time engine' } });
    const sprint = await player.client.ok(START_SPRINT, { input: { plannedMinutes: 25 } });
    await moveTo(localInstant(P, zone, '12:30'));
    await player.client.ok(COMPLETE_SPRINT, { id: sprint.startSprint.id });
    const afterActions = await lastEventId(server, player.id);

    // Day P ends at local midnight: the intention fails, the day's summary is written; no streak event.
    expect((await moveTo(startOfDay(P, zone, 24 * 60 - 1))).jobsRun).toBe(0);
    expect((await moveTo(startOfDay(date, zone, 1))).jobsRun).toBeGreaterThanOrEqual(2);
    const closeP = await eventsOf(server, player.id, afterActions);
    expect(closeP.map((e) => e.type)).toEqual(['INTENTION_FAILED', 'DAY_CLOSED']);
    expect(closeP[0].payload).toEqual({ intentionId: expect.any(String), date: P });
    expect(closeP[1].payload).toEqual({
      date: P,
      checkedIn: true,
      mood: 4,
      intentionStatus: 'FAILED',
      sprintsCompleted: 1,
      sprintMinutes: 25,
      xp: 11 + 25,
      energy: 50 + 10 - 5,
      fatigue: 5,
      vacation: false,
    });
    const [stored] = await server.app.db.query<{ status: string }>(`SELECT status FROM daily_intentions WHERE user_id = $1`, [player.id]);
    expect(stored.status).toBe('FAILED');

    // The DST day (23 or 25 hours) passes without a check-in: closed at its own local midnight, at risk.
    const afterP = await lastEventId(server, player.id);
    await moveTo(startOfDay(addDays(date, 1), zone, -1));
    expect(await eventTypes(server, player.id, afterP)).toEqual([]);
    await moveTo(startOfDay(addDays(date, 1), zone, 1));
    const closeD = await eventsOf(server, player.id, afterP);
    expect(closeD.map((e) => e.type)).toEqual(['STREAK_AT_RISK', 'DAY_CLOSED']);
    expect(closeD[0].payload).toEqual({ current: 1, expiresAt: startOfDay(addDays(P, 3), zone), graceDays: 1, graceDaysNeeded: 1 });
    expect(closeD[1].payload).toMatchObject({ date, checkedIn: false, mood: null, intentionStatus: null, sprintsCompleted: 0, xp: 0 });
    expect((await gameState(player.client)).streak.expiresAt).toBe(startOfDay(addDays(P, 3), zone));

    // Another day without a check-in: the streak breaks (announced once) and a recovery quest is offered.
    const afterD = await lastEventId(server, player.id);
    await moveTo(startOfDay(addDays(P, 3), zone, 1));
    const closeD1 = await eventsOf(server, player.id, afterD);
    expect(closeD1.map((e) => e.type)).toEqual(['STREAK_BROKEN', 'RECOVERY_QUEST_OFFERED', 'DAY_CLOSED']);
    expect(closeD1[0].payload).toEqual({ lost: 1, longest: 1, recoveryQuestAvailable: true });
    expect(closeD1[1].payload).toEqual({ expiresOn: addDays(P, 4) });

    // The quest is started and left: the next close announces nothing new, the one after expires it.
    await moveTo(localInstant(addDays(P, 3), zone, '12:00'));
    const quest = await player.client.ok(START_RECOVERY);
    expect(quest.startRecoveryQuest.expiresOn).toBe(addDays(P, 4));
    const afterQuest = await lastEventId(server, player.id);
    await moveTo(startOfDay(addDays(P, 4), zone, 1));
    expect(await eventTypes(server, player.id, afterQuest)).toEqual(['DAY_CLOSED']);
    const afterP3 = await lastEventId(server, player.id);
    await moveTo(startOfDay(addDays(P, 5), zone, 1));
    const closeP4 = await eventsOf(server, player.id, afterP3);
    expect(closeP4.map((e) => e.type)).toEqual(['RECOVERY_QUEST_EXPIRED', 'DAY_CLOSED']);
    expect(closeP4[0].payload).toEqual({ questId: quest.startRecoveryQuest.id, expiresOn: addDays(P, 4) });
    const [questRow] = await server.app.db.query<{ status: string }>(`SELECT status FROM recovery_quests WHERE user_id = $1`, [player.id]);
    expect(questRow.status).toBe('EXPIRED');
  });
});
