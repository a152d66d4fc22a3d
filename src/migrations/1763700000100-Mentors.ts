import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mentoring: single-use invites handed out by a mentee (only a hash of the code is stored) and the
 * links they create. One active link per pair; nobody mentors themself; all enforced by the database.
 */
export class Mentors1763700000100 implements MigrationInterface {
  name = 'Mentors1763700000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mentor_invites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mentee_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by uuid REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT uq_mentor_invites_code_hash UNIQUE (code_hash),
        CONSTRAINT ck_mentor_invites_expiry CHECK (expires_at > created_at),
        CONSTRAINT ck_mentor_invites_used CHECK (used_by IS NULL OR used_at IS NOT NULL),
        CONSTRAINT ck_mentor_invites_not_self CHECK (used_by IS NULL OR used_by <> mentee_id)
      )`);
    await db.query(`CREATE INDEX ix_mentor_invites_mentee ON mentor_invites (mentee_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE mentor_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        mentor_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        mentee_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        invite_id uuid REFERENCES mentor_invites(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT ck_mentor_links_not_self CHECK (mentor_id <> mentee_id),
        CONSTRAINT ck_mentor_links_revoked CHECK (revoked_at IS NULL OR revoked_at >= created_at),
        CONSTRAINT ck_mentor_links_revoked_by CHECK (revoked_by IS NULL OR revoked_by IN (mentor_id, mentee_id))
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_mentor_links_active ON mentor_links (mentor_id, mentee_id) WHERE revoked_at IS NULL`);
    await db.query(`CREATE INDEX ix_mentor_links_mentee_active ON mentor_links (mentee_id) WHERE revoked_at IS NULL`);
    // History connections filter the ledger and the event log by time as well as by cursor.
    await db.query(`CREATE INDEX ix_xp_ledger_user_created ON xp_ledger (user_id, created_at)`);
    await db.query(`CREATE INDEX ix_game_events_user_occurred ON game_events (user_id, occurred_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_game_events_user_occurred`);
    await db.query(`DROP INDEX ix_xp_ledger_user_created`);
    await db.query(`DROP TABLE mentor_links`);
    await db.query(`DROP TABLE mentor_invites`);
  }
}
