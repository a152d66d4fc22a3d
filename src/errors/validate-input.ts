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
  if (argValue === null || typeof argValue !== 'object') return;
  const errors = await validate(argValue, { forbidUnknownValues: false, skipMissingProperties: false });
  if (errors.length === 0) return;
  const argName = Object.keys(args).find((name) => args[name] === argValue) ?? 'input';
  const violations = flatten(errors, argName);
  const first = violations[0];
  throw new DomainError(ErrorCode.BAD_USER_INPUT, `${first.field}: ${first.problems.join('; ')}`, { field: first.field, violations });
}
