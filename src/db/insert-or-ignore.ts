import type { EntityTarget, ObjectLiteral } from 'typeorm';

import type { Tx } from './data-source';

/**
 * Inserts a row unless a unique constraint already holds one like it (ON CONFLICT DO NOTHING).
 * Returns the new row's id, or null when nothing was inserted: the database, not a prior read, decides.
 */
export async function insertOrIgnore<T extends ObjectLiteral>(tx: Tx, entity: EntityTarget<T>, values: Partial<T>): Promise<string | null> {
  const result = await tx.createQueryBuilder().insert().into(entity).values(values).orIgnore().returning(['id']).execute();
  const rows = result.raw as { id: string }[];
  return rows.length > 0 ? rows[0].id : null;
}
