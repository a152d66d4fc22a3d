import { ApiError, postGraphQL } from './api';

export interface SignedInUser {
  id: string;
  displayName: string;
  email: string | null;
  timezone: string;
}

interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  user: SignedInUser;
}

const AUTH_FIELDS = 'accessToken refreshToken user { id displayName email timezone }';
const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`;
const REFRESH = `mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${AUTH_FIELDS} } }`;
const LOGOUT = `mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`;

/** Refresh this long before the access token expires (a third of a short lifetime). */
const MAX_REFRESH_MARGIN_MS = 60_000;

/** Seconds-since-epoch `exp` of a JWT, read without verifying (the server verifies). */
function expiryOf(token: string): number | null {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(part)) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in session. Tokens live in memory only (a reload signs out); the access token is
 * refreshed shortly before it expires, and once more when the API says UNAUTHENTICATED.
 */
export class Auth {
  user: SignedInUser | null = null;
  private accessToken: string | null = null;
  private refreshToken: string | null = null;
  private expiresAt = 0;
  private margin = MAX_REFRESH_MARGIN_MS;
  private timer: number | undefined;
  private refreshing: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async register(input: { email: string; password: string; displayName: string; timezone: string }): Promise<void> {
    this.accept((await postGraphQL<{ register: AuthPayload }>(REGISTER, { input }, null)).register);
  }

  async login(input: { email: string; password: string }): Promise<void> {
    this.accept((await postGraphQL<{ login: AuthPayload }>(LOGIN, { input }, null)).login);
  }

  async logout(): Promise<void> {
    const refreshToken = this.refreshToken;
    this.clear();
    if (refreshToken) await postGraphQL(LOGOUT, { refreshToken }, null).catch(() => undefined);
  }

  /** A valid access token, refreshed first when it is about to expire. */
  async token(): Promise<string> {
    if (!this.accessToken) throw new ApiError('Signed out', 'UNAUTHENTICATED');
    if (Date.now() > this.expiresAt - this.margin / 2) await this.refresh();
    if (!this.accessToken) throw new ApiError('Signed out', 'UNAUTHENTICATED');
    return this.accessToken;
  }

  /** Runs an authenticated request; on UNAUTHENTICATED it refreshes once and retries. */
  async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    try {
      return await postGraphQL<T>(query, variables, await this.token());
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED' || !this.refreshToken) throw error;
      await this.refresh();
      return postGraphQL<T>(query, variables, await this.token());
    }
  }

  /** Exchanges the refresh token (one exchange at a time: tokens rotate on every use). */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const refreshToken = this.refreshToken;
      if (!refreshToken) return;
      try {
        this.accept((await postGraphQL<{ refreshSession: AuthPayload }>(REFRESH, { refreshToken }, null)).refreshSession);
      } catch (error) {
        // A rejected refresh token ends the session; a network failure keeps it for the next try.
        if (error instanceof ApiError && error.code !== 'NETWORK') this.clear();
        throw error;
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private accept(payload: AuthPayload): void {
    this.accessToken = payload.accessToken;
    this.refreshToken = payload.refreshToken;
    this.user = payload.user;
    this.expiresAt = expiryOf(payload.accessToken) ?? Date.now() + 5 * 60_000;
    this.margin = Math.min(MAX_REFRESH_MARGIN_MS, (this.expiresAt - Date.now()) / 3);
    window.clearTimeout(this.timer);
    const delay = Math.max(1_000, this.expiresAt - Date.now() - this.margin);
    this.timer = window.setTimeout(() => void this.refresh().catch(() => this.retryLater()), delay);
    this.emit();
  }

  private retryLater(): void {
    if (!this.refreshToken) return;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh().catch(() => this.retryLater()), 5_000);
  }

  private clear(): void {
    window.clearTimeout(this.timer);
    this.accessToken = null;
    this.refreshToken = null;
    this.user = null;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
