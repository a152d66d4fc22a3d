import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StoredIntentionStatus = 'PENDING' | 'COMPLETED' | 'FAILED';

/** The one thing a user intends to ship on a local day. FAILED is derived: PENDING after its day. */
@Entity({ name: 'daily_intentions' })
export class DailyIntention {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 280 })
  text: string;

  @Column({ name: 'target_sprints', type: 'smallint', default: 1 })
  targetSprints: number;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: StoredIntentionStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
