import { newPlayer } from '../support/client';
import { BUY_TOOL, CHECK_IN, CLAIM, COMPLETE_SPRINT, START_SPRINT, USE_TOOL } from '../support/operations';
import { type AchievementStatusData, addDays, at, expectLedgerMatchesXp, gameState, iso, seedLoyalty } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const D = '2026-05-04';

const TOOLS = `{ tools { code name cost description } }`;
const ACHIEVEMENTS = `{ achievements { achievement { code name description rewardXp } unlockedAt claimedAt } }`;

type Inventory = { tool: { code: string }; quantity: number }[];
const held = (inventory: Inventory) => Object.fromEntries(inventory.map((i) => [i.tool.code, i.quantity]));

describe('catalogs', () => {
  test('tools lists the 3 tools with their costs of docs/rules.md', async () => {
    await server.setClock(at(D));
    const p = await newPlayer(server.graphqlUrl);
    const { tools } = await p.client.ok(TOOLS);
    expect(tools.map((t: { code: string; cost: number }) => [t.code, t.cost])).toEqual([
      ['ENERGY_DRINK', 10],
      ['POWER_NAP', 15],
      ['STREAK_SHIELD', 40],
    ]);
    for (const tool of tools) expect(tool.name && tool.description).toBeTruthy();
  });

  test('achievements lists the 12 achievements with their rewards of docs/rules.md, none unlocked for a new player', async () => {
    await server.setClock(at(D));
    const p = await newPlayer(server.graphqlUrl);
    const { achievements } = await p.client.ok(ACHIEVEMENTS);
    expect(Object.fromEntries(achievements.map((a: AchievementStatusData) => [a.achievement.code, a.achievement.rewardXp]))).toEqual({
      FIRST_CHECK_IN: 20,
      STREAK_3: 30,
      STREAK_7: 100,
      STREAK_30: 500,
      FIRST_SPRINT: 20,
      SPRINTS_10: 100,
      SPRINTS_50: 400,
      DEEP_WORK: 75,
      INTENTIONS_7: 150,
      LEVEL_5: 100,
      LEVEL_10: 300,
      COMEBACK: 50,
    });
    expect(achievements).toHaveLength(12);
    for (const a of achievements) {
      expect(a).toMatchObject({ unlockedAt: null, claimedAt: null });
      expect(a.achievement.name && a.achievement.description).toBeTruthy();
    }
  });
});

describe('buyTool', () => {
  test('costs loyalty earned by check-ins; INSUFFICIENT_LOYALTY when short, nothing changes', async () => {
    await server.setClock(at(D));
    const p = await newPlayer(server.graphqlUrl);
    await p.client.fails('INSUFFICIENT_LOYALTY', BUY_TOOL, { code: 'ENERGY_DRINK' });
    await p.client.ok(CHECK_IN);
    await p.client.fails('INSUFFICIENT_LOYALTY', BUY_TOOL, { code: 'ENERGY_DRINK' });
    await server.setClock(at(addDays(D, 1)));
    await p.client.ok(CHECK_IN);
    const state = (await p.client.ok(BUY_TOOL, { code: 'ENERGY_DRINK' })).buyTool;
    expect(state.loyalty).toBe(0);
    expect(state.inventory).toEqual([{ tool: { code: 'ENERGY_DRINK', cost: 10 }, quantity: 1 }]);
    await p.client.fails('INSUFFICIENT_LOYALTY', BUY_TOOL, { code: 'ENERGY_DRINK' });
    await expectLedgerMatchesXp(server, p);
  });

  test('ENERGY_DRINK 10, POWER_NAP 15, STREAK_SHIELD 40; at 5 items INVENTORY_FULL', async () => {
    await server.setClock(at(D));
    const p = await newPlayer(server.graphqlUrl);
    await seedLoyalty(server, p.id, 100);
    const buy = async (code: string) => (await p.client.ok(BUY_TOOL, { code })).buyTool;
    expect((await buy('ENERGY_DRINK')).loyalty).toBe(90);
    expect((await buy('POWER_NAP')).loyalty).toBe(75);
    expect((await buy('STREAK_SHIELD')).loyalty).toBe(35);
    await buy('ENERGY_DRINK');
    const full = await buy('ENERGY_DRINK');
    expect(full.loyalty).toBe(15);
    expect(held(full.inventory)).toEqual({ ENERGY_DRINK: 3, POWER_NAP: 1, STREAK_SHIELD: 1 });

    await p.client.fails('INVENTORY_FULL', BUY_TOOL, { code: 'ENERGY_DRINK' });
    await p.client.fails('INVENTORY_FULL', BUY_TOOL, { code: 'POWER_NAP' });
    const after = await gameState(p.client);
    expect(after.loyalty).toBe(15);
    expect(held(after.inventory)).toEqual({ ENERGY_DRINK: 3, POWER_NAP: 1, STREAK_SHIELD: 1 });

    // using one frees a slot
    await p.client.ok(USE_TOOL, { code: 'ENERGY_DRINK' });
    expect(held((await buy('POWER_NAP')).inventory)).toEqual({ ENERGY_DRINK: 2, POWER_NAP: 2, STREAK_SHIELD: 1 });
  });

  test('an unknown tool is NOT_FOUND', async () => {
    await server.setClock(at(D));
    const p = await newPlayer(server.graphqlUrl);
    await seedLoyalty(server, p.id, 100);
    await p.client.fails('NOT_FOUND', BUY_TOOL, { code: 'JETPACK' });
    await p.client.fails('NOT_FOUND', USE_TOOL, { code: 'JETPACK' });
    expect((await gameState(p.client)).loyalty).toBe(100);
  });
});

describe('useTool', () => {
  test('ENERGY_DRINK: energy +25, capped at 100; each use removes one; then NOT_IN_INVENTORY', async () => {
    await server.setClock(at(D));
    const p = await newPlayer(server.graphqlUrl);
    await seedLoyalty(server, p.id, 30);
    await p.client.fails('NOT_IN_INVENTORY', USE_TOOL, { code: 'ENERGY_DRINK' });
    for (let i = 0; i < 3; i++) await p.client.ok(BUY_TOOL, { code: 'ENERGY_DRINK' });
    const use = async () => (await p.client.ok(USE_TOOL, { code: 'ENERGY_DRINK' })).useTool;
    const first = await use();
    expect(first.energy).toBe(75);
    expect(held(first.inventory)).toEqual({ ENERGY_DRINK: 2 });
    expect((await use()).energy).toBe(100);
    const last = await use();
    expect(last.energy).toBe(100);
    expect(last.inventory).toEqual([]);
    await p.client.fails('NOT_IN_INVENTORY', USE_TOOL, { code: 'ENERGY_DRINK' });
  });

  test('POWER_NAP: fatigue −30, floored at 0', async () => {
    await server.setClock(at(D, '06:00'));
    const p = await newPlayer(server.graphqlUrl);
    await seedLoyalty(server, p.id, 30);
    for (let i = 0; i < 2; i++) {
      const { id } = (await p.client.ok(START_SPRINT, { input: { plannedMinutes: 180 } })).startSprint;
      await server.advance(180 * 60);
      await p.client.ok(COMPLETE_SPRINT, { id });
    }
    await p.client.ok(BUY_TOOL, { code: 'POWER_NAP' });
    await p.client.ok(BUY_TOOL, { code: 'POWER_NAP' });
    expect((await gameState(p.client)).fatigue).toBe(72);
    expect((await p.client.ok(USE_TOOL, { code: 'POWER_NAP' })).useTool.fatigue).toBe(42);
    await p.client.ok(CHECK_IN);
    const napped = (await p.client.ok(USE_TOOL, { code: 'POWER_NAP' })).useTool;
    expect(napped.fatigue).toBe(2);
    expect(napped.inventory).toEqual([]);
    await expectLedgerMatchesXp(server, p);
  });

  test('STREAK_SHIELD: grace days +1; at 2 it is TOOL_NOT_USABLE and stays in the inventory', async () => {
    await server.setClock(at(D));
    const p = await newPlayer(server.graphqlUrl);
    await seedLoyalty(server, p.id, 80);
    await p.client.ok(BUY_TOOL, { code: 'STREAK_SHIELD' });
    await p.client.ok(BUY_TOOL, { code: 'STREAK_SHIELD' });
    const shielded = (await p.client.ok(USE_TOOL, { code: 'STREAK_SHIELD' })).useTool;
    expect(shielded.streak.graceDays).toBe(2);
    expect(held(shielded.inventory)).toEqual({ STREAK_SHIELD: 1 });
    const refused = await p.client.fails('TOOL_NOT_USABLE', USE_TOOL, { code: 'STREAK_SHIELD' });
    expect(refused.message).toContain('2');
    const after = await gameState(p.client);
    expect(after.streak.graceDays).toBe(2);
    expect(held(after.inventory)).toEqual({ STREAK_SHIELD: 1 });
  });
});

describe('claimAchievement', () => {
  test('ACHIEVEMENT_LOCKED before unlocking, pays once, then ALREADY_CLAIMED; unknown codes are NOT_FOUND', async () => {
    await server.setClock(at(D));
    const p = await newPlayer(server.graphqlUrl);
    await p.client.fails('ACHIEVEMENT_LOCKED', CLAIM, { code: 'FIRST_CHECK_IN' });
    await p.client.fails('NOT_FOUND', CLAIM, { code: 'NOT_AN_ACHIEVEMENT' });
    await p.client.ok(CHECK_IN);
    await p.client.fails('ACHIEVEMENT_LOCKED', CLAIM, { code: 'STREAK_30' });

    const unlocked = (await p.client.ok(ACHIEVEMENTS)).achievements.find(
      (a: AchievementStatusData) => a.achievement.code === 'FIRST_CHECK_IN',
    );
    expect(iso(unlocked.unlockedAt)).toBe(new Date(at(D)).toISOString());
    expect(unlocked.claimedAt).toBeNull();

    await server.advance(60);
    const claim = (await p.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' })).claimAchievement;
    expect(claim.xpGained).toBe(20);
    expect(claim.gameState.xp).toBe(31);
    await p.client.fails('ALREADY_CLAIMED', CLAIM, { code: 'FIRST_CHECK_IN' });
    const claimed = (await p.client.ok(ACHIEVEMENTS)).achievements.find(
      (a: AchievementStatusData) => a.achievement.code === 'FIRST_CHECK_IN',
    );
    expect(iso(claimed.claimedAt)).toBe(new Date(Date.parse(at(D)) + 60_000).toISOString());
    expect(await expectLedgerMatchesXp(server, p)).toBe(31);
  });

  test("one player's unlocked achievement is locked for another", async () => {
    await server.setClock(at(D));
    const a = await newPlayer(server.graphqlUrl);
    const b = await newPlayer(server.graphqlUrl);
    await a.client.ok(CHECK_IN);
    await b.client.fails('ACHIEVEMENT_LOCKED', CLAIM, { code: 'FIRST_CHECK_IN' });
    await a.client.ok(CLAIM, { code: 'FIRST_CHECK_IN' });
    expect(await expectLedgerMatchesXp(server, b)).toBe(0);
    expect(await expectLedgerMatchesXp(server, a)).toBe(31);
  });
});
