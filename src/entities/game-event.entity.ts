import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox and the log of game events. `id` is the cursor: events of one user are written while
 * that user's character row is locked, so per user the cursor order is the commit order.
 * `published_at` is set by the outbox relay once the event went out.
 */
@Entity({ name: 'game_events' })
export class GameEventRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
