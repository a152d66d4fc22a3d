import type { Context } from '../context';
import { forbidden } from '../errors/domain-errors';

/**
 * FORBIDDEN unless the caller may read `userId` (themself or an active mentor), with no hint whether
 * the user exists. Batched through the request's `readable` loader, so fields under a list of users
 * cost one statement.
 */
export async function requireReader(ctx: Context, userId: string): Promise<void> {
  const viewerId = ctx.session.requireUserId();
  if (!(await ctx.loaders.readable.load({ viewerId, userId }))) throw forbidden();
}
