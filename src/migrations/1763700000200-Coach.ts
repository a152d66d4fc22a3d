import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The AI coach: conversations and streamed messages, onboarding state, and roadmaps (weeks → days → tasks). */
export class Coach1763700000200 implements MigrationInterface {
  name = 'Coach1763700000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE roadmaps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        goal varchar(300) NOT NULL,
        title varchar(200) NOT NULL,
        duration_weeks smallint NOT NULL,
        hours_per_day numeric(4, 2) NOT NULL,
        level varchar(16) NOT NULL,
        provider varchar(16) NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT ck_roadmaps_goal CHECK (length(goal) BETWEEN 3 AND 300),
        CONSTRAINT ck_roadmaps_weeks CHECK (duration_weeks BETWEEN 1 AND 52),
        CONSTRAINT ck_roadmaps_hours CHECK (hours_per_day > 0 AND hours_per_day <= 16),
        CONSTRAINT ck_roadmaps_level CHECK (level IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED')),
        CONSTRAINT ck_roadmaps_provider CHECK (provider IN ('openai', 'offline'))
      )`);
    await db.query(`CREATE INDEX ix_roadmaps_user ON roadmaps (user_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE roadmap_weeks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        roadmap_id uuid NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
        week_number smallint NOT NULL,
        theme varchar(200) NOT NULL,
        CONSTRAINT uq_roadmap_weeks_number UNIQUE (roadmap_id, week_number),
        CONSTRAINT ck_roadmap_weeks_number CHECK (week_number BETWEEN 1 AND 52)
      )`);
    await db.query(`
      CREATE TABLE roadmap_days (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        week_id uuid NOT NULL REFERENCES roadmap_weeks(id) ON DELETE CASCADE,
        day_number smallint NOT NULL,
        focus varchar(200) NOT NULL,
        CONSTRAINT uq_roadmap_days_number UNIQUE (week_id, day_number),
        CONSTRAINT ck_roadmap_days_number CHECK (day_number BETWEEN 1 AND 7)
      )`);
    await db.query(`
      CREATE TABLE roadmap_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        day_id uuid NOT NULL REFERENCES roadmap_days(id) ON DELETE CASCADE,
        roadmap_id uuid NOT NULL REFERENCES roadmaps(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        position smallint NOT NULL,
        title varchar(200) NOT NULL,
        effort_minutes smallint NOT NULL,
        category varchar(16) NOT NULL,
        completed_at timestamptz,
        xp_awarded int NOT NULL DEFAULT 0,
        CONSTRAINT uq_roadmap_tasks_position UNIQUE (day_id, position),
        CONSTRAINT ck_roadmap_tasks_title CHECK (length(title) >= 3),
        CONSTRAINT ck_roadmap_tasks_effort CHECK (effort_minutes BETWEEN 5 AND 600),
        CONSTRAINT ck_roadmap_tasks_category CHECK (category IN ('LEARN', 'PRACTICE', 'BUILD', 'REVIEW', 'SHIP')),
        CONSTRAINT ck_roadmap_tasks_xp CHECK (xp_awarded >= 0 AND (completed_at IS NOT NULL OR xp_awarded = 0))
      )`);
    await db.query(`CREATE INDEX ix_roadmap_tasks_roadmap ON roadmap_tasks (roadmap_id)`);
    await db.query(`
      CREATE TABLE coach_conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL DEFAULT 'CHAT',
        subject_user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        roadmap_id uuid REFERENCES roadmaps(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        CONSTRAINT ck_coach_conversations_kind CHECK (kind IN ('CHAT', 'ONBOARDING', 'ROADMAP', 'MENTOR')),
        CONSTRAINT ck_coach_conversations_subject CHECK ((kind = 'MENTOR') = (subject_user_id IS NOT NULL)),
        CONSTRAINT ck_coach_conversations_roadmap CHECK ((kind = 'ROADMAP') = (roadmap_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX ix_coach_conversations_user ON coach_conversations (user_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE coach_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ord bigserial NOT NULL,
        conversation_id uuid NOT NULL REFERENCES coach_conversations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role varchar(16) NOT NULL,
        content text NOT NULL DEFAULT '',
        status varchar(16) NOT NULL,
        provider varchar(16) NOT NULL,
        seq int NOT NULL DEFAULT -1,
        tokens_in int NOT NULL DEFAULT 0,
        tokens_out int NOT NULL DEFAULT 0,
        tokens_estimated boolean NOT NULL DEFAULT true,
        error varchar(300),
        created_at timestamptz NOT NULL,
        finished_at timestamptz,
        CONSTRAINT ck_coach_messages_role CHECK (role IN ('user', 'assistant')),
        CONSTRAINT ck_coach_messages_status CHECK (status IN ('STREAMING', 'COMPLETE', 'FAILED', 'CANCELLED')),
        CONSTRAINT ck_coach_messages_user_complete CHECK (role = 'assistant' OR status = 'COMPLETE'),
        CONSTRAINT ck_coach_messages_finished CHECK ((status = 'STREAMING') = (finished_at IS NULL)),
        CONSTRAINT ck_coach_messages_provider CHECK (provider IN ('openai', 'offline')),
        CONSTRAINT ck_coach_messages_tokens CHECK (tokens_in >= 0 AND tokens_out >= 0),
        CONSTRAINT ck_coach_messages_seq CHECK (seq >= -1),
        CONSTRAINT ck_coach_messages_length CHECK (length(content) <= 100000)
      )`);
    await db.query(`CREATE INDEX ix_coach_messages_conversation ON coach_messages (conversation_id, ord)`);
    await db.query(`CREATE INDEX ix_coach_messages_user ON coach_messages (user_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE onboarding_states (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES coach_conversations(id) ON DELETE CASCADE,
        step varchar(16) NOT NULL DEFAULT 'VISION',
        question varchar(1000) NOT NULL,
        vision varchar(1000),
        goals jsonb NOT NULL DEFAULT '[]',
        intention_id uuid REFERENCES daily_intentions(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT ck_onboarding_states_step CHECK (step IN ('VISION', 'GOALS', 'INTENTION', 'DONE')),
        CONSTRAINT ck_onboarding_states_vision CHECK (step = 'VISION' OR vision IS NOT NULL),
        CONSTRAINT ck_onboarding_states_goals CHECK (jsonb_typeof(goals) = 'array' AND jsonb_array_length(goals) <= 3),
        CONSTRAINT ck_onboarding_states_goals_set CHECK (step IN ('VISION', 'GOALS') OR jsonb_array_length(goals) >= 1),
        CONSTRAINT ck_onboarding_states_done CHECK ((step = 'DONE') = (completed_at IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'onboarding_states',
      'coach_messages',
      'coach_conversations',
      'roadmap_tasks',
      'roadmap_days',
      'roadmap_weeks',
      'roadmaps',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
