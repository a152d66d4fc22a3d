import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The tool catalog, shipped by a migration. */
@Entity({ name: 'tools' })
export class Tool {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'int' })
  cost: number;

  @Column({ type: 'varchar', length: 300 })
  description: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder: number;
}
