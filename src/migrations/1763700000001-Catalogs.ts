import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACHIEVEMENTS: [code: string, name: string, description: string, rewardXp: number][] = [
  ['FIRST_CHECK_IN', 'First step', 'Check in for the first time.', 20],
  ['STREAK_3', 'Warming up', 'Reach a 3-day streak.', 30],
  ['STREAK_7', 'One full week', 'Reach a 7-day streak.', 100],
  ['STREAK_30', 'Unstoppable', 'Reach a 30-day streak.', 500],
  ['FIRST_SPRINT', 'Into the zone', 'Complete your first execution sprint.', 20],
  ['SPRINTS_10', 'Sprinter', 'Complete 10 execution sprints.', 100],
  ['SPRINTS_50', 'Marathoner', 'Complete 50 execution sprints.', 400],
  ['DEEP_WORK', 'Deep work', 'Complete a sprint of 90 minutes or more.', 75],
  ['INTENTIONS_7', 'Seven things shipped', 'Complete 7 daily intentions.', 150],
  ['LEVEL_5', 'Level 5', 'Reach level 5.', 100],
  ['LEVEL_10', 'Level 10', 'Reach level 10.', 300],
  ['COMEBACK', 'Comeback', 'Complete a recovery quest after a broken streak.', 50],
];

const TOOLS: [code: string, name: string, cost: number, description: string][] = [
  ['ENERGY_DRINK', 'Energy drink', 10, 'Energy +25 (up to 100).'],
  ['POWER_NAP', 'Power nap', 15, 'Fatigue -30 (down to 0).'],
  ['STREAK_SHIELD', 'Streak shield', 40, 'Grace days +1 (at most 2 held; cannot be used at 2).'],
];

/** The achievement and tool catalogs of docs/rules.md (achievements, tools). */
export class Catalogs1763700000001 implements MigrationInterface {
  name = 'Catalogs1763700000001';

  async up(db: QueryRunner): Promise<void> {
    for (const [index, [code, name, description, rewardXp]] of ACHIEVEMENTS.entries()) {
      await db.query(`INSERT INTO achievements (code, name, description, reward_xp, sort_order) VALUES ($1, $2, $3, $4, $5)`, [
        code,
        name,
        description,
        rewardXp,
        index + 1,
      ]);
    }
    for (const [index, [code, name, cost, description]] of TOOLS.entries()) {
      await db.query(`INSERT INTO tools (code, name, cost, description, sort_order) VALUES ($1, $2, $3, $4, $5)`, [
        code,
        name,
        cost,
        description,
        index + 1,
      ]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM tools WHERE code = ANY($1)`, [TOOLS.map(([code]) => code)]);
    await db.query(`DELETE FROM achievements WHERE code = ANY($1)`, [ACHIEVEMENTS.map(([code]) => code)]);
  }
}
