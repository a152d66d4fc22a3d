import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many of one tool a user holds (1..5; the row is removed at 0). */
@Entity({ name: 'inventory_items' })
export class InventoryItem {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'tool_code', type: 'varchar', length: 32 })
  toolCode: string;

  @Column({ type: 'int' })
  quantity: number;
}
