import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys: the first response to a mutation sent with an `Idempotency-Key` header, per user and
 * key. The primary key decides a race between two requests with one key: one inserts, the other waits.
 */
export class Idempotency1763700000300 implements MigrationInterface {
  name = 'Idempotency1763700000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key varchar(255) NOT NULL,
        fingerprint char(64) NOT NULL,
        status varchar(16) NOT NULL,
        response jsonb,
        http_status smallint,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key),
        CONSTRAINT ck_idempotency_status CHECK (status IN ('IN_PROGRESS', 'DONE'))
      )`);
    await db.query(`CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
