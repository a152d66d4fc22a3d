import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, game state, the core loop's tables, the XP ledger, the event outbox and refresh tokens. */
export class CoreSchema1763700000000 implements MigrationInterface {
  name = 'CoreSchema1763700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash varchar(255) NOT NULL,
        display_name varchar(80) NOT NULL,
        timezone varchar(64) NOT NULL DEFAULT 'UTC',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_users_email UNIQUE (email),
        CONSTRAINT ck_users_email_lower CHECK (email = lower(email)),
        CONSTRAINT ck_users_display_name CHECK (length(display_name) BETWEEN 1 AND 80)
      )`);
    await db.query(`
      CREATE TABLE characters (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        level int NOT NULL DEFAULT 1,
        xp int NOT NULL DEFAULT 0,
        clarity int NOT NULL DEFAULT 0,
        discipline int NOT NULL DEFAULT 0,
        resilience int NOT NULL DEFAULT 0,
        energy int NOT NULL DEFAULT 50,
        fatigue int NOT NULL DEFAULT 0,
        loyalty int NOT NULL DEFAULT 0,
        streak_current int NOT NULL DEFAULT 0,
        streak_longest int NOT NULL DEFAULT 0,
        grace_days int NOT NULL DEFAULT 1,
        last_check_in_date date,
        repaired_on date,
        last_repair_on date,
        check_ins_total int NOT NULL DEFAULT 0,
        sprints_completed int NOT NULL DEFAULT 0,
        intentions_completed int NOT NULL DEFAULT 0,
        inventory_count int NOT NULL DEFAULT 0,
        CONSTRAINT ck_characters_level CHECK (level >= 1),
        CONSTRAINT ck_characters_xp CHECK (xp >= 0),
        CONSTRAINT ck_characters_stats CHECK (clarity >= 0 AND discipline >= 0 AND resilience >= 0),
        CONSTRAINT ck_characters_energy CHECK (energy BETWEEN 0 AND 100),
        CONSTRAINT ck_characters_fatigue CHECK (fatigue BETWEEN 0 AND 100),
        CONSTRAINT ck_characters_loyalty CHECK (loyalty >= 0),
        CONSTRAINT ck_characters_streak CHECK (streak_current >= 0 AND streak_longest >= streak_current),
        CONSTRAINT ck_characters_grace_days CHECK (grace_days BETWEEN 0 AND 2),
        CONSTRAINT ck_characters_counters CHECK (check_ins_total >= 0 AND sprints_completed >= 0 AND intentions_completed >= 0),
        CONSTRAINT ck_characters_inventory_cap CHECK (inventory_count BETWEEN 0 AND 5)
      )`);
    await db.query(`
      CREATE TABLE check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        date date NOT NULL,
        mood smallint,
        note varchar(1000),
        created_at timestamptz NOT NULL,
        CONSTRAINT uq_check_ins_user_date UNIQUE (user_id, date),
        CONSTRAINT ck_check_ins_mood CHECK (mood BETWEEN 1 AND 5)
      )`);
    await db.query(`
      CREATE TABLE daily_intentions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        date date NOT NULL,
        text varchar(280) NOT NULL,
        target_sprints smallint NOT NULL DEFAULT 1,
        status varchar(16) NOT NULL DEFAULT 'PENDING',
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT uq_daily_intentions_user_date UNIQUE (user_id, date),
        CONSTRAINT ck_daily_intentions_text CHECK (length(text) BETWEEN 3 AND 280),
        CONSTRAINT ck_daily_intentions_target CHECK (target_sprints BETWEEN 1 AND 8),
        CONSTRAINT ck_daily_intentions_status CHECK (status IN ('PENDING', 'COMPLETED')),
        CONSTRAINT ck_daily_intentions_completed CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE sprints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        intention_id uuid REFERENCES daily_intentions(id) ON DELETE SET NULL,
        planned_minutes smallint NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'RUNNING',
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        date date NOT NULL,
        CONSTRAINT ck_sprints_planned CHECK (planned_minutes BETWEEN 5 AND 180),
        CONSTRAINT ck_sprints_status CHECK (status IN ('RUNNING', 'COMPLETED', 'ABANDONED')),
        CONSTRAINT ck_sprints_ended CHECK ((status = 'RUNNING') = (ended_at IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_sprints_one_running ON sprints (user_id) WHERE status = 'RUNNING'`);
    await db.query(`CREATE INDEX ix_sprints_user_started ON sprints (user_id, started_at DESC)`);
    await db.query(`
      CREATE TABLE xp_ledger (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        amount int NOT NULL,
        source varchar(32) NOT NULL,
        reference varchar(64) NOT NULL,
        rule varchar(200) NOT NULL,
        inputs jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL,
        CONSTRAINT ck_xp_ledger_amount CHECK (amount <> 0)
      )`);
    await db.query(`CREATE INDEX ix_xp_ledger_user ON xp_ledger (user_id, id)`);
    await db.query(`
      CREATE TABLE achievements (
        code varchar(32) PRIMARY KEY,
        name varchar(80) NOT NULL,
        description varchar(300) NOT NULL,
        reward_xp int NOT NULL CHECK (reward_xp >= 0),
        sort_order int NOT NULL
      )`);
    await db.query(`
      CREATE TABLE user_achievements (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        achievement_code varchar(32) NOT NULL REFERENCES achievements(code),
        unlocked_at timestamptz NOT NULL,
        claimed_at timestamptz,
        CONSTRAINT pk_user_achievements PRIMARY KEY (user_id, achievement_code),
        CONSTRAINT ck_user_achievements_claim CHECK (claimed_at IS NULL OR claimed_at >= unlocked_at)
      )`);
    await db.query(`
      CREATE TABLE tools (
        code varchar(32) PRIMARY KEY,
        name varchar(80) NOT NULL,
        cost int NOT NULL CHECK (cost > 0),
        description varchar(300) NOT NULL,
        sort_order int NOT NULL
      )`);
    await db.query(`
      CREATE TABLE inventory_items (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        tool_code varchar(32) NOT NULL REFERENCES tools(code),
        quantity int NOT NULL,
        CONSTRAINT pk_inventory_items PRIMARY KEY (user_id, tool_code),
        CONSTRAINT ck_inventory_items_quantity CHECK (quantity BETWEEN 1 AND 5)
      )`);
    await db.query(`
      CREATE TABLE recovery_quests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        broken_after date NOT NULL,
        prompt varchar(1000) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'OPEN',
        expires_on date NOT NULL,
        reflection varchar(2000),
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT uq_recovery_quests_break UNIQUE (user_id, broken_after),
        CONSTRAINT ck_recovery_quests_status CHECK (status IN ('OPEN', 'COMPLETED')),
        CONSTRAINT ck_recovery_quests_reflection CHECK (reflection IS NULL OR length(reflection) BETWEEN 20 AND 2000)
      )`);
    await db.query(`CREATE INDEX ix_recovery_quests_user ON recovery_quests (user_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE game_events (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        type varchar(32) NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        published_at timestamptz
      )`);
    await db.query(`CREATE INDEX ix_game_events_user_cursor ON game_events (user_id, id)`);
    await db.query(`CREATE INDEX ix_game_events_unpublished ON game_events (id) WHERE published_at IS NULL`);
    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT uq_refresh_tokens_hash UNIQUE (token_hash)
      )`);
    await db.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'refresh_tokens',
      'game_events',
      'recovery_quests',
      'inventory_items',
      'tools',
      'user_achievements',
      'achievements',
      'xp_ledger',
      'sprints',
      'daily_intentions',
      'check_ins',
      'characters',
      'users',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
