import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The game state of one user (one row each). Every action locks this row first (FOR UPDATE), so
 * actions of one user are serialised and their events commit in cursor order.
 */
@Entity({ name: 'characters' })
export class Character {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'int', default: 1 })
  level: number;

  @Column({ type: 'int', default: 0 })
  xp: number;

  @Column({ type: 'int', default: 0 })
  clarity: number;

  @Column({ type: 'int', default: 0 })
  discipline: number;

  @Column({ type: 'int', default: 0 })
  resilience: number;

  @Column({ type: 'int', default: 50 })
  energy: number;

  @Column({ type: 'int', default: 0 })
  fatigue: number;

  @Column({ type: 'int', default: 0 })
  loyalty: number;

  @Column({ name: 'streak_current', type: 'int', default: 0 })
  streakCurrent: number;

  @Column({ name: 'streak_longest', type: 'int', default: 0 })
  streakLongest: number;

  @Column({ name: 'grace_days', type: 'int', default: 1 })
  graceDays: number;

  /** The last local day counted in the streak (the last check-in day). */
  @Column({ name: 'last_check_in_date', type: 'date', nullable: true })
  lastCheckInDate: string | null;

  /** Local day a recovery quest repaired the current break; the next check-in continues the streak. */
  @Column({ name: 'repaired_on', type: 'date', nullable: true })
  repairedOn: string | null;

  /** Local day of the latest repair (at most one per 14 days). */
  @Column({ name: 'last_repair_on', type: 'date', nullable: true })
  lastRepairOn: string | null;

  @Column({ name: 'check_ins_total', type: 'int', default: 0 })
  checkInsTotal: number;

  @Column({ name: 'sprints_completed', type: 'int', default: 0 })
  sprintsCompleted: number;

  @Column({ name: 'intentions_completed', type: 'int', default: 0 })
  intentionsCompleted: number;

  /** Items held across all tools; a check constraint keeps it within 0..5. */
  @Column({ name: 'inventory_count', type: 'int', default: 0 })
  inventoryCount: number;
}
