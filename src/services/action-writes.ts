import type { Tx } from '../db/data-source';
import { Character } from '../entities/character.entity';
import type { PendingEvent } from '../subscriptions/event-types';

/** A ledger row an action appends (the user and time are the action's). */
export interface PendingLedgerRow {
  amount: number;
  source: string;
  reference: string;
  rule: string;
  inputs: Record<string, unknown>;
}

export interface ActionWrites {
  character: Character;
  ledger: PendingLedgerRow[];
  unlocks: string[];
  events: PendingEvent[];
  now: Date;
}

let updateSql: { sql: string; columns: string[] } | null = null;

/** `UPDATE characters SET … WHERE user_id = $1`, every column but the key, as $2… (built once). */
function characterUpdate(tx: Tx): { sql: string; columns: string[] } {
  if (updateSql) return updateSql;
  const columns = tx.connection.getMetadata(Character).columns.filter((c) => c.propertyName !== 'userId');
  updateSql = {
    sql: `UPDATE characters SET ${columns.map((c, i) => `${c.databaseName} = $${i + 2}`).join(', ')} WHERE user_id = $1`,
    columns: columns.map((c) => c.propertyName),
  };
  return updateSql;
}

/**
 * Everything a game action changed, in one statement (data-modifying CTEs all run, in one snapshot):
 * the character row, the XP ledger rows, the unlocked achievements and the events, in the order they
 * happened (ids, and so cursors, follow it). One round trip instead of one per row.
 */
export async function writeActionOutcome(tx: Tx, writes: ActionWrites): Promise<void> {
  const update = characterUpdate(tx);
  const character = writes.character as unknown as Record<string, unknown>;
  const params: unknown[] = [character.userId, ...update.columns.map((name) => character[name])];
  const at = (value: unknown) => `$${params.push(value)}`;
  const now = at(writes.now);
  const ledger = at(JSON.stringify(writes.ledger));
  const unlocks = at(writes.unlocks);
  const events = at(JSON.stringify(writes.events));
  await tx.query(
    `WITH updated AS (${update.sql}),
     ledger AS (
       INSERT INTO xp_ledger (user_id, amount, source, reference, rule, inputs, created_at)
       SELECT $1, (x->>'amount')::int, x->>'source', x->>'reference', x->>'rule', x->'inputs', ${now}
         FROM jsonb_array_elements(${ledger}::jsonb) WITH ORDINALITY AS l(x, ord) ORDER BY ord),
     unlocked AS (
       INSERT INTO user_achievements (user_id, achievement_code, unlocked_at)
       SELECT $1, code, ${now} FROM unnest(${unlocks}::varchar[]) AS code ON CONFLICT DO NOTHING)
     INSERT INTO game_events (user_id, type, payload, occurred_at)
     SELECT $1, x->>'type', x->'payload', ${now}
       FROM jsonb_array_elements(${events}::jsonb) WITH ORDINALITY AS e(x, ord) ORDER BY ord`,
    params,
  );
}
