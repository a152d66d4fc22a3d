import type { Context } from '../context';
import { forbidden } from '../errors/domain-errors';
import { isUuid } from '../lib/ids';

/**
 * Who may read whose data. Today: only yourself. (Mentors extend this: an active mentor may read a
 * mentee, never write.) Every read of another user's graph and every subscription with a `userId` asks here.
 */
export class AccessService {
  /** True when `viewerId` may read `userId`'s data now. */
  async canRead(viewerId: string, userId: string): Promise<boolean> {
    return isUuid(userId) && viewerId === userId;
  }

  /** The id itself when the caller may read it; FORBIDDEN otherwise, with no hint whether it exists. */
  async requireReadable(ctx: Context, userId: string): Promise<string> {
    const viewerId = ctx.session.requireUserId();
    if (!(await this.canRead(viewerId, userId))) throw forbidden();
    return userId;
  }
}
