import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An unlocked achievement of a user (one row each, primary key); claimed at most once. */
@Entity({ name: 'user_achievements' })
export class UserAchievement {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'achievement_code', type: 'varchar', length: 32 })
  achievementCode: string;

  @Column({ name: 'unlocked_at', type: 'timestamptz' })
  unlockedAt: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;
}
