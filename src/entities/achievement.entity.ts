import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The achievement catalog, shipped by a migration. */
@Entity({ name: 'achievements' })
export class Achievement {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 300 })
  description: string;

  @Column({ name: 'reward_xp', type: 'int' })
  rewardXp: number;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder: number;
}
