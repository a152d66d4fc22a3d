import type { Database } from '../db/database';
import { User } from '../entities/user.entity';
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
}
