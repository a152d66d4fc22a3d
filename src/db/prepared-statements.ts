import { createHash } from 'node:crypto';

import { Client } from 'pg';

/** Statements one connection keeps prepared at most; past it, statements are sent unnamed (planned each time). */
const MAX_PER_CONNECTION = 256;
/** Names already derived, by statement text (the code's statements are a fixed, small set). */
const NAME_CACHE_LIMIT = 2_000;
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `x_${createHash('sha1').update(text).digest('hex')}`;
    if (names.size < NAME_CACHE_LIMIT) names.set(text, name);
  }
  return name;
}

type Query<T extends Client = Client> = (this: T, ...args: unknown[]) => unknown;
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call/.apply on a client below
const unnamedQuery = Client.prototype.query as Query;

/**
 * A pg client that prepares every parameterised statement once per connection (named after a hash of its
 * text) and from then on only binds and executes it. PostgreSQL parsed and planned each statement of a
 * check-in again on every request; prepared, a check-in costs the database a fraction of the CPU.
 * Statements without parameters (BEGIN, COMMIT, DDL) go as before. Used through the pool's `Client` option.
 *
 * Not for a pooler in transaction mode older than PgBouncer 1.21 (named statements are per connection);
 * DB_PREPARED_STATEMENTS=0 turns it off.
 */
export class PreparingClient extends Client {
  readonly prepared = new Set<string>();
}

// Overridden on the prototype: pg's overloads of `query` cannot be restated in a subclass.
(PreparingClient.prototype as unknown as { query: Query<PreparingClient> }).query = function query(this: PreparingClient, ...args: unknown[]) {
  const [text, values, ...rest] = args;
  if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
    const name = statementName(text);
    if (this.prepared.has(name) || this.prepared.size < MAX_PER_CONNECTION) {
      this.prepared.add(name);
      return unnamedQuery.call(this, { name, text, values }, ...rest);
    }
  }
  return unnamedQuery.apply(this, args);
};
