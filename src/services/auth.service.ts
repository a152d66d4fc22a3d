import { randomUUID } from 'node:crypto';

import { hashPassword, verifyPassword } from '../auth/passwords';
import type { AccessTokens } from '../auth/tokens';
import { hashRefreshToken, newRefreshToken } from '../auth/tokens';
import type { Tx } from '../db/data-source';
import type { Database } from '../db/database';
import { insertOrIgnore } from '../db/insert-or-ignore';
import { Character } from '../entities/character.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { User } from '../entities/user.entity';
import { badInput, unauthenticated } from '../errors/domain-errors';
import { isIanaTimezone } from '../lib/local-day';
import type { Scope } from '../lib/scope';
import type { DayCloseService } from './day-close.service';

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
  timezone?: string | null;
}

export interface Credentials {
  accessToken: string;
  refreshToken: string;
  userId: string;
}

const DAY_MS = 86_400_000;

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTtlDays: number,
    private readonly dayClose: DayCloseService,
  ) {}

  /**
   * Creates a user and their starting character; the timezone must be a real IANA zone. The user exists
   * from the app clock's now, and their zone's day close is planned in the same transaction.
   */
  async register(scope: Scope, input: RegisterInput): Promise<Credentials> {
    const timezone = input.timezone ?? 'UTC';
    if (!isIanaTimezone(timezone)) throw badInput('input.timezone', `"${timezone}" is not an IANA timezone (e.g. Europe/Paris).`);
    // The validator counts surrounding spaces; the stored (trimmed) name must not be empty.
    const displayName = input.displayName.trim();
    if (displayName.length === 0) throw badInput('input.displayName', 'displayName must be 1 to 80 characters, not only spaces.');
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      const userId = await insertOrIgnore(tx, User, { email, passwordHash, displayName, timezone, createdAt: scope.clock.now() });
      if (!userId) throw badInput('input.email', 'An account with this email already exists.');
      await tx.insert(Character, { userId });
      await this.dayClose.planZone(scope, timezone, tx);
      return this.issue(scope, tx, userId, randomUUID());
    });
  }

  /** Exchanges email and password for tokens; the same answer for an unknown email and a wrong password. */
  async login(scope: Scope, email: string, password: string): Promise<Credentials> {
    const user = await this.db.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) throw unauthenticated('Invalid email or password.');
    return this.db.transaction((tx) => this.issue(scope, tx, user.id, randomUUID()));
  }

  /**
   * Rotates a refresh token. Presenting a token that was already used revokes its whole family: someone
   * else holds a copy.
   */
  async refresh(scope: Scope, refreshToken: string): Promise<Credentials> {
    const now = new Date();
    const outcome = await this.db.transaction(async (tx) => {
      const stored = await tx.findOne(RefreshToken, {
        where: { tokenHash: hashRefreshToken(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!stored || stored.revokedAt || stored.expiresAt <= now) return null;
      if (stored.usedAt) {
        await this.revokeFamily(tx, stored.familyId, now);
        return null;
      }
      await tx.update(RefreshToken, { id: stored.id }, { usedAt: now });
      return this.issue(scope, tx, stored.userId, stored.familyId);
    });
    if (!outcome) throw unauthenticated('The refresh token is invalid, expired or revoked. Sign in again.');
    return outcome;
  }

  /** Revokes the session (the token's family). True when the token belonged to the caller and was live. */
  async logout(scope: Scope, refreshToken: string): Promise<boolean> {
    const userId = scope.session.requireUserId();
    return this.db.transaction(async (tx) => {
      const stored = await tx.findOneBy(RefreshToken, { tokenHash: hashRefreshToken(refreshToken), userId });
      if (!stored || stored.revokedAt) return false;
      await this.revokeFamily(tx, stored.familyId, new Date());
      return true;
    });
  }

  private async revokeFamily(tx: Tx, familyId: string, now: Date): Promise<void> {
    await tx
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: now })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }

  private async issue(_scope: Scope, tx: Tx, userId: string, familyId: string): Promise<Credentials> {
    const { token, hash } = newRefreshToken();
    const now = new Date();
    await tx.insert(RefreshToken, {
      userId,
      familyId,
      tokenHash: hash,
      expiresAt: new Date(now.getTime() + this.refreshTtlDays * DAY_MS),
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    return { accessToken: this.accessTokens.issue(userId), refreshToken: token, userId };
  }
}
