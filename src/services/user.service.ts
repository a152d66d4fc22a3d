import type { Context } from '../context';
import type { Database } from '../db/database';
import { User } from '../entities/user.entity';
import { forbidden } from '../errors/domain-errors';
import { isUuid } from '../lib/ids';
import type { UserView } from './game-state.views';

export class UserService {
  constructor(private readonly db: Database) {}

  /** Users by id in one statement (the user DataLoader batches into it). */
  async loadMany(ids: readonly string[]): Promise<(UserView | null)[]> {
    const valid = ids.filter(isUuid);
    const users = valid.length
      ? await this.db.manager.createQueryBuilder(User, 'u').where('u.id = ANY(:ids)', { ids: valid }).getMany()
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * The id of a user the caller may read: themself for now (mentors come later). Anyone else is
   * FORBIDDEN, whether or not the id exists.
   */
  readableUserId(ctx: Context, userId: string): string {
    const callerId = ctx.session.requireUserId();
    if (userId !== callerId) throw forbidden();
    return userId;
  }
}
