import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SprintStatusValue = 'RUNNING' | 'COMPLETED' | 'ABANDONED';

/** A timed execution sprint; at most one RUNNING per user (partial unique index). */
@Entity({ name: 'sprints' })
export class Sprint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'intention_id', type: 'uuid', nullable: true })
  intentionId: string | null;

  @Column({ name: 'planned_minutes', type: 'smallint' })
  plannedMinutes: number;

  @Column({ type: 'varchar', length: 16, default: 'RUNNING' })
  status: SprintStatusValue;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** The local day the sprint started on, for per-day history. */
  @Column({ type: 'date' })
  date: string;
}
