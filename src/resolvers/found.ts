import { notFound } from '../errors/domain-errors';

/** The value, or NOT_FOUND naming what was missing. */
export function requireFound<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw notFound(what);
  return value;
}
