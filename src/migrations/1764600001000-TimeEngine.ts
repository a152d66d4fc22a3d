import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day close (docs/time-engine.md): FAILED intentions and EXPIRED quests are stored; one `day_closes` row per
 * (user, local day) decides that a day is closed exactly once; `day_close_plans` decides once per
 * (zone, day) that the next day's close is planned; characters remember which break was announced.
 */
export class TimeEngine1764600001000 implements MigrationInterface {
  name = 'TimeEngine1764600001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE daily_intentions DROP CONSTRAINT ck_daily_intentions_status`);
    await db.query(
      `ALTER TABLE daily_intentions ADD CONSTRAINT ck_daily_intentions_status CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED'))`,
    );
    await db.query(`ALTER TABLE recovery_quests DROP CONSTRAINT ck_recovery_quests_status`);
    await db.query(
      `ALTER TABLE recovery_quests ADD CONSTRAINT ck_recovery_quests_status CHECK (status IN ('OPEN', 'COMPLETED', 'EXPIRED'))`,
    );
    await db.query(`ALTER TABLE characters ADD COLUMN streak_break_announced_for date`);
    await db.query(`CREATE INDEX ix_users_timezone ON users (timezone, id)`);
    await db.query(`
      CREATE TABLE day_closes (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        date date NOT NULL,
        checked_in boolean NOT NULL,
        mood smallint,
        intention_status varchar(16),
        sprints_completed int NOT NULL,
        sprint_minutes int NOT NULL,
        xp int NOT NULL,
        energy int NOT NULL,
        fatigue int NOT NULL,
        vacation boolean NOT NULL,
        streak_event varchar(16),
        closed_at timestamptz NOT NULL,
        CONSTRAINT pk_day_closes PRIMARY KEY (user_id, date),
        CONSTRAINT ck_day_closes_streak_event CHECK (streak_event IN ('AT_RISK', 'BROKEN'))
      )`);
    await db.query(`
      CREATE TABLE day_close_plans (
        zone varchar(64) NOT NULL,
        date date NOT NULL,
        users int NOT NULL,
        batches int NOT NULL,
        planned_at timestamptz NOT NULL,
        CONSTRAINT pk_day_close_plans PRIMARY KEY (zone, date)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE day_close_plans');
    await db.query('DROP TABLE day_closes');
    await db.query('DROP INDEX ix_users_timezone');
    await db.query('ALTER TABLE characters DROP COLUMN streak_break_announced_for');
    await db.query(`UPDATE recovery_quests SET status = 'OPEN' WHERE status = 'EXPIRED'`);
    await db.query(`ALTER TABLE recovery_quests DROP CONSTRAINT ck_recovery_quests_status`);
    await db.query(`ALTER TABLE recovery_quests ADD CONSTRAINT ck_recovery_quests_status CHECK (status IN ('OPEN', 'COMPLETED'))`);
    await db.query(`UPDATE daily_intentions SET status = 'PENDING' WHERE status = 'FAILED'`);
    await db.query(`ALTER TABLE daily_intentions DROP CONSTRAINT ck_daily_intentions_status`);
    await db.query(`ALTER TABLE daily_intentions ADD CONSTRAINT ck_daily_intentions_status CHECK (status IN ('PENDING', 'COMPLETED'))`);
  }
}
