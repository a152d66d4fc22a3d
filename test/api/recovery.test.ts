import { newPlayer, type Player } from '../support/client';
import { CHECK_IN, CLAIM, COMPLETE_INTENTION, COMPLETE_RECOVERY, SET_INTENTION, START_RECOVERY } from '../support/operations';
import { addDays, at, checkInDaily, expectLedgerMatchesXp, gameState, iso } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const D = '2026-04-06';
const REFLECTION = 'I planned too much for the week and froze; I will start with one small sprint.';

/** A player with a 2-day streak (D, D+1) who then missed D+2 and D+3: on D+4 the streak is BROKEN. */
async function brokenAfterTwoDays(): Promise<Player> {
  await server.setClock(at(D));
  const p = await newPlayer(server.graphqlUrl);
  await checkInDaily(server, p.client, D, 2);
  await server.setClock(at(addDays(D, 4)));
  return p;
}

test('a broken streak offers a quest; completing it pays 25 XP, resilience +2, COMEBACK, and the next check-in continues the streak', async () => {
  const p = await brokenAfterTwoDays();
  const broken = await gameState(p.client);
  expect(broken).toMatchObject({ recoveryQuestAvailable: true, recoveryQuest: null, streak: { current: 2, status: 'BROKEN' } });

  const quest = (await p.client.ok(START_RECOVERY)).startRecoveryQuest;
  // the break is repairable while the last counted day (D+1) is at most 3 days before yesterday
  expect(quest).toMatchObject({ status: 'OPEN', expiresOn: addDays(D, 5) });
  expect(quest.prompt.length).toBeGreaterThan(10);
  expect(await gameState(p.client)).toMatchObject({ recoveryQuest: quest, recoveryQuestAvailable: false });
  expect((await p.client.ok(START_RECOVERY)).startRecoveryQuest.id).toBe(quest.id);

  for (const reflection of ['too short', `   ${'x'.repeat(19)}   `, 'y'.repeat(2001)]) {
    const error = await p.client.fails('BAD_USER_INPUT', COMPLETE_RECOVERY, { reflection });
    expect(error.extensions?.field).toBe('reflection');
  }
  expect((await gameState(p.client)).xp).toBe(23);

  const done = (await p.client.ok(COMPLETE_RECOVERY, { reflection: REFLECTION })).completeRecoveryQuest;
  expect(done.xpGained).toBe(25);
  expect(done.unlocked).toEqual([{ code: 'COMEBACK' }]);
  expect(done.gameState).toMatchObject({
    xp: 48,
    stats: { resilience: 2 },
    recoveryQuest: { id: quest.id, status: 'COMPLETED' },
    recoveryQuestAvailable: false,
    streak: { current: 2, status: 'AT_RISK' },
  });
  await p.client.fails('NO_RECOVERY_QUEST', COMPLETE_RECOVERY, { reflection: REFLECTION });

  const checkIn = (await p.client.ok(CHECK_IN)).checkIn;
  expect(checkIn.xpGained).toBe(13);
  expect(checkIn.gameState.streak).toMatchObject({ current: 3, longest: 3, status: 'ACTIVE', lastCheckInDate: addDays(D, 4) });
  expect((await p.client.ok(CLAIM, { code: 'COMEBACK' })).claimAchievement.xpGained).toBe(50);
  expect(await expectLedgerMatchesXp(server, p)).toBe(11 + 12 + 25 + 13 + 50);
});

test('a repair made today also lets tomorrow’s check-in continue the streak', async () => {
  const p = await brokenAfterTwoDays();
  await p.client.ok(START_RECOVERY);
  const repaired = (await p.client.ok(COMPLETE_RECOVERY, { reflection: REFLECTION })).completeRecoveryQuest.gameState;
  expect(iso(repaired.streak.expiresAt)).toBe(`${addDays(D, 6)}T00:00:00.000Z`);
  await server.setClock(at(addDays(D, 5)));
  expect((await gameState(p.client)).streak.status).toBe('AT_RISK');
  const checkIn = (await p.client.ok(CHECK_IN)).checkIn;
  expect(checkIn.gameState.streak).toMatchObject({ current: 3, status: 'ACTIVE' });
  await expectLedgerMatchesXp(server, p);
});

test('there is no quest while the streak is not broken, nor before one is started', async () => {
  await server.setClock(at(D));
  const fresh = await newPlayer(server.graphqlUrl);
  expect((await gameState(fresh.client)).recoveryQuestAvailable).toBe(false);
  await fresh.client.fails('NO_RECOVERY_QUEST', START_RECOVERY);

  const active = await newPlayer(server.graphqlUrl);
  await active.client.ok(CHECK_IN);
  await active.client.fails('NO_RECOVERY_QUEST', START_RECOVERY);

  // one missed day with a grace day held is AT_RISK, not BROKEN
  await server.setClock(at(addDays(D, 2)));
  expect(await gameState(active.client)).toMatchObject({ recoveryQuestAvailable: false, streak: { status: 'AT_RISK' } });
  await active.client.fails('NO_RECOVERY_QUEST', START_RECOVERY);

  const notStarted = await brokenAfterTwoDays();
  await notStarted.client.fails('NO_RECOVERY_QUEST', COMPLETE_RECOVERY, { reflection: REFLECTION });
  await expectLedgerMatchesXp(server, notStarted);
});

test('a break is repairable until the last counted day is 3 days before yesterday; then the quest expires', async () => {
  await server.setClock(at(D));
  const late = await newPlayer(server.graphqlUrl);
  const boundary = await newPlayer(server.graphqlUrl);
  await late.client.ok(CHECK_IN);
  await boundary.client.ok(CHECK_IN);

  // D+4: yesterday is D+3, exactly 3 days after the last counted day
  await server.setClock(at(addDays(D, 4)));
  expect((await gameState(late.client)).recoveryQuestAvailable).toBe(true);
  const quest = (await boundary.client.ok(START_RECOVERY)).startRecoveryQuest;
  expect(quest.expiresOn).toBe(addDays(D, 4));

  // D+5: 4 days before yesterday, too old
  await server.setClock(at(addDays(D, 5)));
  expect(await gameState(late.client)).toMatchObject({ recoveryQuestAvailable: false, recoveryQuest: null, streak: { status: 'BROKEN' } });
  await late.client.fails('NO_RECOVERY_QUEST', START_RECOVERY);

  expect(await gameState(boundary.client)).toMatchObject({
    recoveryQuestAvailable: false,
    recoveryQuest: { id: quest.id, status: 'EXPIRED' },
  });
  await boundary.client.fails('NO_RECOVERY_QUEST', COMPLETE_RECOVERY, { reflection: REFLECTION });
  await boundary.client.fails('NO_RECOVERY_QUEST', START_RECOVERY);
  expect((await boundary.client.ok(CHECK_IN)).checkIn.gameState.streak.current).toBe(1);
  await expectLedgerMatchesXp(server, boundary);
});

test('at most one repair per 14 days', async () => {
  const p = await brokenAfterTwoDays();
  await p.client.ok(START_RECOVERY);
  await p.client.ok(COMPLETE_RECOVERY, { reflection: REFLECTION }); // repaired on D+4
  await p.client.ok(CHECK_IN);

  // D+7: broken again (D+5 and D+6 missed), within the window but 3 days after the last repair
  await server.setClock(at(addDays(D, 7)));
  expect(await gameState(p.client)).toMatchObject({ recoveryQuestAvailable: false, streak: { current: 3, status: 'BROKEN' } });
  await p.client.fails('NO_RECOVERY_QUEST', START_RECOVERY);
  expect((await p.client.ok(CHECK_IN)).checkIn.gameState.streak.current).toBe(1);

  // D+18, 14 days after the repair: a new break can be repaired again
  await checkInDaily(server, p.client, addDays(D, 14), 2);
  await server.setClock(at(addDays(D, 18)));
  expect(await gameState(p.client)).toMatchObject({ recoveryQuestAvailable: true, streak: { current: 2, status: 'BROKEN' } });
  await p.client.ok(START_RECOVERY);
  const again = (await p.client.ok(COMPLETE_RECOVERY, { reflection: REFLECTION })).completeRecoveryQuest;
  expect(again.xpGained).toBe(25);
  expect(again.unlocked).toEqual([]); // COMEBACK was unlocked by the first repair
  expect(again.gameState.stats.resilience).toBe(4);
  await expectLedgerMatchesXp(server, p);
});

test('an intention left incomplete is gone the next day: no todayIntention, NO_INTENTION, no penalty', async () => {
  await server.setClock(at(D));
  const p = await newPlayer(server.graphqlUrl);
  await p.client.ok(CHECK_IN);
  const intention = (await p.client.ok(SET_INTENTION, { input: { text: 'Send the proposal' } })).setDailyIntention;
  expect(intention.status).toBe('PENDING');
  const before = await gameState(p.client);

  await server.setClock(at(addDays(D, 1), '00:01'));
  const after = await gameState(p.client);
  expect(after.todayIntention).toBeNull();
  expect(after).toMatchObject({ xp: before.xp, loyalty: before.loyalty, energy: before.energy, stats: before.stats });
  await p.client.fails('NO_INTENTION', COMPLETE_INTENTION);
  const next = (await p.client.ok(SET_INTENTION, { input: { text: 'Send the proposal, for real' } })).setDailyIntention;
  expect(next).toMatchObject({ date: addDays(D, 1), status: 'PENDING' });
  await expectLedgerMatchesXp(server, p);
});
