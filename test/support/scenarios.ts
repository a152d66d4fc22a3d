import type { Player, TestClient } from './client';
import { CHECK_IN, GAME_STATE } from './operations';
import type { TestServer } from './server';

/** The shape of GAME_STATE_FIELDS in a response. */
export interface GameStateData {
  today: string;
  level: number;
  xp: number;
  xpIntoLevel: number;
  xpToNextLevel: number;
  energy: number;
  fatigue: number;
  loyalty: number;
  checkedInToday: boolean;
  recoveryQuestAvailable: boolean;
  stats: { clarity: number; discipline: number; resilience: number };
  streak: { current: number; longest: number; graceDays: number; status: string; lastCheckInDate: string | null; expiresAt: string | null };
  todayIntention: { id: string; date: string; text: string; targetSprints: number; status: string } | null;
  activeSprint: { id: string; plannedMinutes: number; status: string; startedAt: string; endedAt: string | null } | null;
  recoveryQuest: { id: string; prompt: string; status: string; expiresOn: string } | null;
  achievements: AchievementStatusData[];
  inventory: { tool: { code: string; cost: number }; quantity: number }[];
}

export interface AchievementStatusData {
  achievement: { code: string; rewardXp: number };
  unlockedAt: string | null;
  claimedAt: string | null;
}

/** The shape of a CHECK_IN response's `checkIn` payload. */
export interface CheckInPayloadData {
  xpGained: number;
  unlocked: { code: string }[];
  checkIn: { id: string; date: string; mood: number | null; note: string | null };
  gameState: GameStateData;
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An ISO instant on `date` at `time` UTC. */
export function at(date: string, time = '12:00'): string {
  return `${date}T${time}:00Z`;
}

/** The caller's game state. */
export async function gameState(client: TestClient): Promise<GameStateData> {
  return (await client.ok<{ gameState: GameStateData }>(GAME_STATE)).gameState;
}

/**
 * Checks in on `days` consecutive days from `firstDay` (at `time` UTC), moving the clock day by day.
 * Returns each day's checkIn payload.
 */
export async function checkInDaily(
  server: TestServer,
  client: TestClient,
  firstDay: string,
  days: number,
  time = '12:00',
): Promise<CheckInPayloadData[]> {
  const payloads: CheckInPayloadData[] = [];
  for (let i = 0; i < days; i++) {
    await server.setClock(at(addDays(firstDay, i), time));
    payloads.push((await client.ok<{ checkIn: CheckInPayloadData }>(CHECK_IN)).checkIn);
  }
  return payloads;
}

/** The sum of the user's XP ledger, read straight from the database. */
export async function ledgerTotal(server: TestServer, userId: string): Promise<number> {
  const rows = await server.app.db.query<{ total: number }>(
    'SELECT coalesce(sum(amount),0)::int AS total FROM xp_ledger WHERE user_id = $1',
    [userId],
  );
  return rows[0].total;
}

/** The invariant of docs/rules.md (the XP ledger): the character's XP equals the sum of its ledger. Returns that XP. */
export async function expectLedgerMatchesXp(server: TestServer, player: Player): Promise<number> {
  const { xp } = await gameState(player.client);
  expect(await ledgerTotal(server, player.id)).toBe(xp);
  return xp;
}

/**
 * Seeds loyalty directly in the database: earning 100+ loyalty through the API takes weeks of game
 * days, and the tool rules under test only read the balance.
 */
export async function seedLoyalty(server: TestServer, userId: string, loyalty: number): Promise<void> {
  await server.app.db.query('UPDATE characters SET loyalty = $2 WHERE user_id = $1', [userId, loyalty]);
}

/** Normalises a DateTime value to `Date#toISOString` form (null stays null). */
export function iso(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
