import type { Database } from '../db/database';
import { forbidden } from '../errors/domain-errors';
import { isUuid } from '../lib/ids';
import type { Scope } from '../lib/scope';

/**
 * Who may read whose data: the user themself and their active mentors. Mentors read, never write
 * (every mutation acts on the caller). Every read of another user's graph and every subscription with
 * a `userId` asks here.
 */
export class AccessService {
  constructor(private readonly db: Database) {}

  /** True when `viewerId` may read `userId`'s data now (checked against the database, never cached). */
  async canRead(viewerId: string, userId: string): Promise<boolean> {
    return (await this.readableAmong(viewerId, [userId]))[0];
  }

  /** For each of `userIds`, whether `viewerId` may read it: one statement at most (none when all are the viewer). */
  async readableAmong(viewerId: string, userIds: readonly string[]): Promise<boolean[]> {
    const others = [...new Set(userIds.filter((id) => id !== viewerId && isUuid(id)))];
    const mentored = new Set<string>();
    if (others.length > 0 && isUuid(viewerId)) {
      const rows = await this.db.query<{ mentee_id: string }>(
        `SELECT mentee_id FROM mentor_links WHERE mentor_id = $1 AND mentee_id = ANY($2::uuid[]) AND revoked_at IS NULL`,
        [viewerId, others],
      );
      for (const row of rows) mentored.add(row.mentee_id);
    }
    return userIds.map((id) => isUuid(id) && (id === viewerId || mentored.has(id)));
  }

  /** The id itself when the caller may read it; FORBIDDEN otherwise, with no hint whether it exists. */
  async requireReadable(scope: Scope, userId: string): Promise<string> {
    const viewerId = scope.session.requireUserId();
    if (!(await this.canRead(viewerId, userId))) throw forbidden();
    return userId;
  }
}
