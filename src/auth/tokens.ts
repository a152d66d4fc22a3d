import { createHash, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';

import jwt from 'jsonwebtoken';

import { isUuid } from '../lib/ids';

const ALGORITHM = 'HS256';
const ISSUER = 'xecution';
const AUDIENCE = 'xecution-api';
/** Bounds the verified-token cache (cleared when full): about 2 MB. */
const VERIFIED_CACHE_LIMIT = 10_000;

export interface AccessClaims {
  userId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** Short-lived JWT access tokens. Verification accepts exactly one algorithm, issuer and audience. */
export class AccessTokens {
  /** Built once: given a string, jsonwebtoken would derive a KeyObject on every call (a quarter of a read's CPU). */
  private readonly secret: KeyObject;
  /**
   * Tokens whose signature and claims were checked, by their exact text: a client sends the same token with
   * every request until it expires, and the HMAC and JSON parsing showed in read profiles. Only expiry can
   * change a verdict, and it is checked on every hit.
   */
  private readonly verified = new Map<string, AccessClaims>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(userId: string): string {
    return jwt.sign({}, this.secret, {
      algorithm: ALGORITHM,
      subject: userId,
      expiresIn: this.ttlSeconds,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
  }

  /** The claims of a valid token, or null for anything else (expired, not yet valid, forged, alg:none…). */
  verify(token: string): AccessClaims | null {
    const known = this.verified.get(token);
    if (known) return Date.now() < known.expiresAt * 1000 ? known : null;
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE });
      // A subject that is not a user id (a token signed with the key by something else) names nobody.
      if (typeof claims === 'string' || typeof claims.sub !== 'string' || !isUuid(claims.sub) || typeof claims.exp !== 'number')
        return null;
      const verified = { userId: claims.sub, expiresAt: claims.exp };
      if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
      this.verified.set(token, verified);
      return verified;
    } catch {
      return null;
    }
  }
}

/** An opaque refresh token and the hash under which it is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Reads `Bearer <token>` from a header value. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}
