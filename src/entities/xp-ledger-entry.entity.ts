import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: every XP change, with the inputs and rule that produced the amount. */
@Entity({ name: 'xp_ledger' })
export class XpLedgerEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'varchar', length: 32 })
  source: string;

  /** The id of what earned it (a check-in, a sprint, an achievement code…). */
  @Column({ type: 'varchar', length: 64 })
  reference: string;

  /** The rule in words, e.g. "10 + min(streak, 20)". */
  @Column({ type: 'varchar', length: 200 })
  rule: string;

  @Column({ type: 'jsonb' })
  inputs: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
