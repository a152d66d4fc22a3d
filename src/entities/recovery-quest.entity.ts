import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type StoredQuestStatus = 'OPEN' | 'COMPLETED' | 'EXPIRED';

/** A "fail forward" quest that can repair one broken streak. EXPIRED is derived: OPEN after expiresOn. */
@Entity({ name: 'recovery_quests' })
export class RecoveryQuest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The last counted streak day when the quest was started: the break it repairs. */
  @Column({ name: 'broken_after', type: 'date' })
  brokenAfter: string;

  @Column({ type: 'varchar', length: 1000 })
  prompt: string;

  @Column({ type: 'varchar', length: 16, default: 'OPEN' })
  status: StoredQuestStatus;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reflection: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
