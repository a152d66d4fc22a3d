/** Deepest nesting of objects and arrays accepted in a request's variables (the deepest input type needs 4). */
export const MAX_VARIABLES_DEPTH = 32;

/**
 * True when `value` nests objects or arrays deeper than `max`. Iterative, so a hostile 40,000-deep value
 * cannot overflow the stack here (it would in any recursive walk after it: hashing, coercion, logging).
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.value === null || typeof item.value !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > max) return true;
    for (const child of Object.values(item.value)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
    }
  }
  return false;
}
