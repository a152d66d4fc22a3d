import { unauthenticated } from '../errors/domain-errors';

/** Who is calling. Never null: an anonymous session is a real object that refuses. */
export class Session {
  private constructor(
    readonly userId: string | null,
    /** When the access token stops being valid (seconds since the epoch), if any. */
    readonly expiresAt: number | null,
  ) {}

  static anonymous(): Session {
    return new Session(null, null);
  }

  static forUser(userId: string, expiresAt: number): Session {
    return new Session(userId, expiresAt);
  }

  get isAuthenticated(): boolean {
    return this.userId !== null;
  }

  /** The caller's user id, or UNAUTHENTICATED. */
  requireUserId(): string {
    if (this.userId === null) throw unauthenticated();
    return this.userId;
  }
}
