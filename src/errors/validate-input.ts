import { validate, type ValidationError } from 'class-validator';
import type { ResolverData } from 'type-graphql';

import { DomainError, ErrorCode } from './domain-errors';

interface Violation {
  field: string;
  problems: string[];
}

/** class-validator errors flattened to dotted paths such as `input.password`. */
function flatten(errors: ValidationError[], prefix: string): Violation[] {
  return errors.flatMap((error) => {
    const field = `${prefix}.${error.property}`;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * type-graphql's argument validator: runs class-validator on input objects and refuses bad input with
 * BAD_USER_INPUT, naming the field at fault (`extensions.field`) and listing every violation.
 */
export async function validateInput(argValue: unknown, _argType: unknown, { args }: ResolverData): Promise<void> {
  const argName = Object.keys(args).find((name) => args[name] === argValue) ?? 'input';
  const withNul = fieldWithNul(argValue, argName);
  if (withNul) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${withNul}: must not contain NUL characters`, { field: withNul });
  if (argValue === null || typeof argValue !== 'object') return;
  const errors = await validate(argValue, { forbidUnknownValues: false, skipMissingProperties: false });
  if (errors.length === 0) return;
  const violations = flatten(errors, argName);
  const first = violations[0];
  throw new DomainError(ErrorCode.BAD_USER_INPUT, `${first.field}: ${first.problems.join('; ')}`, { field: first.field, violations });
}

/** PostgreSQL text cannot hold U+0000: such a string is bad input, not a database failure. */
function fieldWithNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = fieldWithNul(child, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}
