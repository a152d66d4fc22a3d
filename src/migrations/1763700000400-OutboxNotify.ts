import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Wakes every instance's outbox relay when events commit (NOTIFY is delivered on commit only). */
export class OutboxNotify1763700000400 implements MigrationInterface {
  name = 'OutboxNotify1763700000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('xecution_outbox', '');
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER game_events_notify AFTER INSERT ON game_events FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER game_events_notify ON game_events');
    await db.query('DROP FUNCTION notify_outbox()');
  }
}
