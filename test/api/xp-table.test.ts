import { newPlayer } from '../support/client';
import {
  ABANDON_SPRINT,
  CHECK_IN,
  CLAIM,
  COMPLETE_INTENTION,
  COMPLETE_RECOVERY,
  COMPLETE_SPRINT,
  SET_INTENTION,
  START_RECOVERY,
  START_SPRINT,
} from '../support/operations';
import { type AchievementStatusData, addDays, at, checkInDaily, expectLedgerMatchesXp, gameState, iso } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const DAY = '2026-03-02';
const MINUTE = 60;
const REFLECTION = 'I skipped two days because I overplanned; tomorrow I start small.';

const player = () => newPlayer(server.graphqlUrl);

describe('checkIn: 10 + min(streak, 20) XP, energy +10, fatigue −10, loyalty +5', () => {
  test('a new player starts at the start state of docs/rules.md', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    expect(await gameState(p.client)).toMatchObject({
      level: 1,
      xp: 0,
      xpIntoLevel: 0,
      xpToNextLevel: 100,
      energy: 50,
      fatigue: 0,
      loyalty: 0,
      stats: { clarity: 0, discipline: 0, resilience: 0 },
      streak: { current: 0, longest: 0, graceDays: 1, status: 'NONE', lastCheckInDate: null, expiresAt: null },
      checkedInToday: false,
      todayIntention: null,
      activeSprint: null,
      inventory: [],
    });
  });

  test('pays 11 then 12, applies the vitals, records mood and note, and refuses a second check-in the same day', async () => {
    await server.setClock(at(DAY, '09:00'));
    const p = await player();
    const first = (await p.client.ok(CHECK_IN, { input: { mood: 5, note: 'ready' } })).checkIn;
    expect(first.xpGained).toBe(11);
    expect(first.checkIn).toMatchObject({ date: DAY, mood: 5, note: 'ready' });
    expect(first.unlocked).toEqual([{ code: 'FIRST_CHECK_IN' }]);
    // fatigue −10 from 0 is floored at 0
    expect(first.gameState).toMatchObject({ xp: 11, energy: 60, fatigue: 0, loyalty: 5, checkedInToday: true });

    await server.advance(14 * 3600);
    await p.client.fails('ALREADY_CHECKED_IN', CHECK_IN);

    // a 60-minute sprint leaves fatigue to take off the next day
    await server.setClock(at(DAY, '10:00'));
    const sprint = (await p.client.ok(START_SPRINT, { input: { plannedMinutes: 60 } })).startSprint;
    await server.advance(60 * MINUTE);
    await p.client.ok(COMPLETE_SPRINT, { id: sprint.id });
    expect(await gameState(p.client)).toMatchObject({ energy: 48, fatigue: 12, loyalty: 6 });

    await server.setClock(at(addDays(DAY, 1), '08:00'));
    const second = (await p.client.ok(CHECK_IN)).checkIn;
    expect(second.xpGained).toBe(12);
    expect(second.checkIn).toMatchObject({ date: addDays(DAY, 1), mood: null, note: null });
    expect(second.gameState).toMatchObject({ xp: 11 + 60 + 12, energy: 58, fatigue: 2, loyalty: 11 });
    await expectLedgerMatchesXp(server, p);
  });

  test('refuses a mood outside 1..5 and a note over 1000 characters, naming the field', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    expect((await p.client.fails('BAD_USER_INPUT', CHECK_IN, { input: { mood: 0 } })).extensions?.field).toBe('input.mood');
    expect((await p.client.fails('BAD_USER_INPUT', CHECK_IN, { input: { mood: 6 } })).extensions?.field).toBe('input.mood');
    const longNote = 'x'.repeat(1001);
    expect((await p.client.fails('BAD_USER_INPUT', CHECK_IN, { input: { note: longNote } })).extensions?.field).toBe('input.note');
    expect((await gameState(p.client)).xp).toBe(0);
  });

  test('25 consecutive days pay 10 + min(streak, 20) each (30 at a streak of 25) and energy stops at 100', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    const days = await checkInDaily(server, p.client, DAY, 25);
    expect(days.map((d) => d.xpGained)).toEqual(Array.from({ length: 25 }, (_, i) => 10 + Math.min(i + 1, 20)));
    expect(days[24].xpGained).toBe(30);
    expect(days.map((d) => d.gameState.energy)).toEqual(Array.from({ length: 25 }, (_, i) => Math.min(50 + 10 * (i + 1), 100)));
    const last = days[24].gameState;
    // 11 + … + 30 over days 1..20, then 30 on each of days 21..25
    const total = 20 * 10 + 210 + 5 * 30;
    expect(last).toMatchObject({ xp: total, level: 3, xpIntoLevel: total - 300, xpToNextLevel: 600 - total, loyalty: 125, fatigue: 0 });
    expect(last.streak).toMatchObject({ current: 25, longest: 25 });
    expect(await expectLedgerMatchesXp(server, p)).toBe(560);
  });
});

describe('daily intentions', () => {
  test('setDailyIntention pays nothing, defaults targetSprints to 1, and is once per local day', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    const intention = (await p.client.ok(SET_INTENTION, { input: { text: 'Ship the pricing page' } })).setDailyIntention;
    expect(intention).toMatchObject({ date: DAY, text: 'Ship the pricing page', targetSprints: 1, status: 'PENDING' });
    const state = await gameState(p.client);
    expect(state.xp).toBe(0);
    expect(state.todayIntention).toEqual(intention);
    await p.client.fails('INTENTION_ALREADY_SET', SET_INTENTION, { input: { text: 'Something else', targetSprints: 2 } });
    await expectLedgerMatchesXp(server, p);
  });

  test('accepts text of 3 and 280 characters and targetSprints 1..8; refuses anything outside, naming the field', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    const bad = async (input: Record<string, unknown>, field: string) =>
      expect((await p.client.fails('BAD_USER_INPUT', SET_INTENTION, { input })).extensions?.field).toBe(field);
    await bad({ text: 'ab' }, 'input.text');
    await bad({ text: 'x'.repeat(281) }, 'input.text');
    await bad({ text: '   a   ' }, 'input.text'); // stored trimmed: 1 character
    await bad({ text: 'Ship it', targetSprints: 0 }, 'input.targetSprints');
    await bad({ text: 'Ship it', targetSprints: 9 }, 'input.targetSprints');
    expect((await p.client.ok(SET_INTENTION, { input: { text: 'abc', targetSprints: 8 } })).setDailyIntention).toMatchObject({
      text: 'abc',
      targetSprints: 8,
    });
    await server.setClock(at(addDays(DAY, 1)));
    const long = 'y'.repeat(280);
    expect((await p.client.ok(SET_INTENTION, { input: { text: long, targetSprints: 1 } })).setDailyIntention.text).toBe(long);
  });

  test('completeDailyIntention pays 50 XP, clarity +1 and loyalty +5, once', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    await p.client.fails('NO_INTENTION', COMPLETE_INTENTION);
    await p.client.ok(SET_INTENTION, { input: { text: 'Write the onboarding email', targetSprints: 2 } });
    const done = (await p.client.ok(COMPLETE_INTENTION)).completeDailyIntention;
    expect(done.xpGained).toBe(50);
    expect(done.gameState).toMatchObject({ xp: 50, loyalty: 5, stats: { clarity: 1, discipline: 0, resilience: 0 } });
    expect(done.gameState.todayIntention).toMatchObject({ status: 'COMPLETED', targetSprints: 2 });
    await p.client.fails('INTENTION_ALREADY_COMPLETED', COMPLETE_INTENTION);
    expect(await expectLedgerMatchesXp(server, p)).toBe(50);
  });
});

describe('sprints', () => {
  test('startSprint takes 5..180 minutes, pays nothing, and allows one running sprint', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    for (const plannedMinutes of [4, 181]) {
      const error = await p.client.fails('BAD_USER_INPUT', START_SPRINT, { input: { plannedMinutes } });
      expect(error.extensions?.field).toBe('input.plannedMinutes');
    }
    const sprint = (await p.client.ok(START_SPRINT, { input: { plannedMinutes: 5 } })).startSprint;
    expect(sprint).toMatchObject({ plannedMinutes: 5, status: 'RUNNING', endedAt: null });
    expect(iso(sprint.startedAt)).toBe(new Date(at(DAY)).toISOString());
    await p.client.fails('SPRINT_ALREADY_RUNNING', START_SPRINT, { input: { plannedMinutes: 180 } });
    const state = await gameState(p.client);
    expect(state.activeSprint).toEqual(sprint);
    expect(state).toMatchObject({ xp: 0, energy: 50 });
    await p.client.ok(ABANDON_SPRINT, { id: sprint.id });
    expect((await p.client.ok(START_SPRINT, { input: { plannedMinutes: 180 } })).startSprint.plannedMinutes).toBe(180);
  });

  test('completeSprint only after plannedMinutes: XP = p, discipline +1, energy −⌊p/5⌋, fatigue +⌊p/5⌋, loyalty +1', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    const sprint = (await p.client.ok(START_SPRINT, { input: { plannedMinutes: 27 } })).startSprint;
    await server.advance(27 * MINUTE - 1);
    const early = await p.client.fails('SPRINT_NOT_FINISHED', COMPLETE_SPRINT, { id: sprint.id });
    expect(early.extensions?.secondsRemaining).toBe(1);
    await server.advance(1);
    const done = (await p.client.ok(COMPLETE_SPRINT, { id: sprint.id })).completeSprint;
    expect(done.xpGained).toBe(27);
    expect(done.unlocked).toEqual([{ code: 'FIRST_SPRINT' }]);
    expect(done.gameState).toMatchObject({
      xp: 27,
      energy: 45,
      fatigue: 5,
      loyalty: 1,
      stats: { clarity: 0, discipline: 1, resilience: 0 },
      activeSprint: null,
    });
    await p.client.fails('SPRINT_NOT_RUNNING', COMPLETE_SPRINT, { id: sprint.id });
    await p.client.fails('NOT_FOUND', COMPLETE_SPRINT, { id: '00000000-0000-4000-8000-000000000000' });
    await p.client.fails('NOT_FOUND', COMPLETE_SPRINT, { id: 'not-an-id' });
    expect(await expectLedgerMatchesXp(server, p)).toBe(27);
  });

  test('a sprint cannot be completed or abandoned by another player', async () => {
    await server.setClock(at(DAY));
    const owner = await player();
    const other = await player();
    const sprint = (await owner.client.ok(START_SPRINT, { input: { plannedMinutes: 5 } })).startSprint;
    await server.advance(5 * MINUTE);
    await other.client.fails('NOT_FOUND', COMPLETE_SPRINT, { id: sprint.id });
    await other.client.fails('NOT_FOUND', ABANDON_SPRINT, { id: sprint.id });
    expect((await gameState(owner.client)).activeSprint?.id).toBe(sprint.id);
  });

  test('abandonSprint ends a running sprint with no XP and no vitals change', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    const sprint = (await p.client.ok(START_SPRINT, { input: { plannedMinutes: 50 } })).startSprint;
    await server.advance(10 * MINUTE);
    const abandoned = (await p.client.ok(ABANDON_SPRINT, { id: sprint.id })).abandonSprint;
    expect(abandoned).toMatchObject({ id: sprint.id, status: 'ABANDONED' });
    expect(iso(abandoned.endedAt)).toBe(new Date(Date.parse(at(DAY)) + 10 * MINUTE * 1000).toISOString());
    expect(await gameState(p.client)).toMatchObject({
      xp: 0,
      energy: 50,
      fatigue: 0,
      loyalty: 0,
      stats: { discipline: 0 },
      activeSprint: null,
    });
    await p.client.fails('SPRINT_NOT_RUNNING', ABANDON_SPRINT, { id: sprint.id });
    await server.advance(60 * MINUTE);
    await p.client.fails('SPRINT_NOT_RUNNING', COMPLETE_SPRINT, { id: sprint.id });
    expect(await expectLedgerMatchesXp(server, p)).toBe(0);
  });

  test('energy floors at 0, LOW_ENERGY below 10, and fatigue caps at 100 over three days of long sprints', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    const sprint = async (minutes: number) => {
      const { id } = (await p.client.ok(START_SPRINT, { input: { plannedMinutes: minutes } })).startSprint;
      await server.advance(minutes * MINUTE);
      return (await p.client.ok(COMPLETE_SPRINT, { id })).completeSprint;
    };

    await server.setClock(at(DAY, '06:00'));
    const first = await sprint(180);
    expect(first.unlocked.map((u: { code: string }) => u.code).sort()).toEqual(['DEEP_WORK', 'FIRST_SPRINT']);
    expect(first.gameState).toMatchObject({ xp: 180, energy: 14, fatigue: 36 });
    // 14 − 36 is floored at 0
    expect((await sprint(180)).gameState).toMatchObject({ xp: 360, level: 3, energy: 0, fatigue: 72, loyalty: 2 });
    const low = await p.client.fails('LOW_ENERGY', START_SPRINT, { input: { plannedMinutes: 5 } });
    expect(low.message).toContain('10');

    await server.setClock(at(addDays(DAY, 1), '06:00'));
    expect((await p.client.ok(CHECK_IN)).checkIn.gameState).toMatchObject({ energy: 10, fatigue: 62 });
    expect((await sprint(180)).gameState).toMatchObject({ energy: 0, fatigue: 98 });

    await server.setClock(at(addDays(DAY, 2), '06:00'));
    expect((await p.client.ok(CHECK_IN)).checkIn.gameState).toMatchObject({ energy: 10, fatigue: 88 });
    // 88 + 36 is capped at 100
    const last = (await sprint(180)).gameState;
    expect(last).toMatchObject({ xp: 360 + 11 + 180 + 12 + 180, energy: 0, fatigue: 100, stats: { discipline: 4 } });
    await expectLedgerMatchesXp(server, p);
  });
});

describe('recovery quests and achievements', () => {
  test('completeRecoveryQuest pays 25 XP and resilience +2 and unlocks COMEBACK', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    await checkInDaily(server, p.client, DAY, 2);
    await server.setClock(at(addDays(DAY, 4)));
    await p.client.ok(START_RECOVERY);
    const done = (await p.client.ok(COMPLETE_RECOVERY, { reflection: REFLECTION })).completeRecoveryQuest;
    expect(done.xpGained).toBe(25);
    expect(done.unlocked).toEqual([{ code: 'COMEBACK' }]);
    expect(done.gameState).toMatchObject({ xp: 11 + 12 + 25, stats: { clarity: 0, discipline: 0, resilience: 2 } });
    expect(await expectLedgerMatchesXp(server, p)).toBe(48);
  });

  test("claimAchievement pays the achievement's reward once", async () => {
    await server.setClock(at(DAY));
    const p = await player();
    await p.client.ok(CHECK_IN);
    const claim = (await p.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' })).claimAchievement;
    expect(claim.xpGained).toBe(20);
    expect(claim.unlocked).toEqual([]);
    expect(claim.gameState.xp).toBe(31);
    const status = claim.gameState.achievements.find((a: AchievementStatusData) => a.achievement.code === 'FIRST_CHECK_IN');
    expect(iso(status.claimedAt)).toBe(new Date(at(DAY)).toISOString());
    await p.client.fails('ALREADY_CLAIMED', CLAIM, { code: 'FIRST_CHECK_IN' });
    expect(await expectLedgerMatchesXp(server, p)).toBe(31);
  });
});

describe('levels', () => {
  test('crossing 100 XP reaches level 2 with xpIntoLevel and xpToNextLevel', async () => {
    await server.setClock(at(DAY, '08:00'));
    const p = await player();
    await p.client.ok(CHECK_IN);
    await p.client.ok(SET_INTENTION, { input: { text: 'Cross level two' } });
    expect((await p.client.ok(COMPLETE_INTENTION)).completeDailyIntention.gameState).toMatchObject({
      xp: 61,
      level: 1,
      xpIntoLevel: 61,
      xpToNextLevel: 39,
    });
    const { id } = (await p.client.ok(START_SPRINT, { input: { plannedMinutes: 40 } })).startSprint;
    await server.advance(40 * MINUTE);
    expect((await p.client.ok(COMPLETE_SPRINT, { id })).completeSprint.gameState).toMatchObject({
      xp: 101,
      level: 2,
      xpIntoLevel: 1,
      xpToNextLevel: 199,
    });
    expect(await expectLedgerMatchesXp(server, p)).toBe(101);
  });

  test('a four-day history reaches exactly 1000 XP: level 5 and LEVEL_5 unlocked', async () => {
    await server.setClock(at(DAY));
    const p = await player();
    const sprint = async (minutes: number) => {
      const { id } = (await p.client.ok(START_SPRINT, { input: { plannedMinutes: minutes } })).startSprint;
      await server.advance(minutes * MINUTE);
      return (await p.client.ok(COMPLETE_SPRINT, { id })).completeSprint;
    };
    const claim = async (code: string) => (await p.client.ok(CLAIM, { code })).claimAchievement;

    await server.setClock(at(DAY, '06:00'));
    await p.client.ok(CHECK_IN); // 11
    await sprint(180);
    await sprint(180); // 371
    await claim('FIRST_CHECK_IN');
    await claim('FIRST_SPRINT');
    expect((await claim('DEEP_WORK')).gameState).toMatchObject({ xp: 486, level: 3, xpIntoLevel: 186, xpToNextLevel: 114 });

    await server.setClock(at(addDays(DAY, 1), '06:00'));
    await p.client.ok(CHECK_IN); // 12
    expect((await sprint(180)).gameState).toMatchObject({ xp: 678, level: 4 });

    await server.setClock(at(addDays(DAY, 2), '06:00'));
    expect((await p.client.ok(CHECK_IN)).checkIn.unlocked).toEqual([{ code: 'STREAK_3' }]); // 13
    await claim('STREAK_3'); // 30
    expect((await sprint(180)).gameState).toMatchObject({ xp: 901, level: 4, xpIntoLevel: 301, xpToNextLevel: 99 });

    await server.setClock(at(addDays(DAY, 3), '06:00'));
    await p.client.ok(CHECK_IN); // 14
    await p.client.ok(SET_INTENTION, { input: { text: 'Reach level five' } });
    expect((await p.client.ok(COMPLETE_INTENTION)).completeDailyIntention.gameState.xp).toBe(965);
    const last = await sprint(35);
    expect(last.unlocked).toEqual([{ code: 'LEVEL_5' }]);
    expect(last.gameState).toMatchObject({ xp: 1000, level: 5, xpIntoLevel: 0, xpToNextLevel: 500 });
    expect((await claim('LEVEL_5')).gameState).toMatchObject({ xp: 1100, level: 5, xpIntoLevel: 100, xpToNextLevel: 400 });
    expect(await expectLedgerMatchesXp(server, p)).toBe(1100);
  });
});
