import { createHash, randomBytes } from 'node:crypto';

import type { StreakStatus } from './streak.rules';

/** An invite may be accepted until this long after it was created (by the app clock). */
export const INVITE_TTL_DAYS = 7;
const DAY_MS = 86_400_000;

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 16;

export type Risk = 'LOW' | 'MEDIUM' | 'HIGH';

/** A fresh invite code (80 random bits) grouped for reading: `XXXX-XXXX-XXXX-XXXX`. */
export function newInviteCode(): string {
  const bytes = randomBytes(CODE_CHARS);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What a typed code means: case, spaces and dashes do not matter. */
export function normalizeInviteCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Only this hash is stored, so a database leak does not hand out live invites. */
export function inviteCodeHash(code: string): string {
  return createHash('sha256').update(normalizeInviteCode(code)).digest('hex');
}

export function inviteExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + INVITE_TTL_DAYS * DAY_MS);
}

export interface RiskInputs {
  adherence7: number;
  /** Null when the mentee never checked in. */
  daysSinceLastCheckIn: number | null;
  streakStatus: StreakStatus;
}

/** HIGH risk: no check-in in this many local days (today included). */
export const RISK_QUIET_DAYS = 3;
/** HIGH risk below this 7-day adherence; MEDIUM below the next. */
export const RISK_HIGH_ADHERENCE = 0.3;
export const RISK_MEDIUM_ADHERENCE = 0.6;

/**
 * docs/mentors.md (risk): HIGH when no check-in in the last 3 local days (today included) or
 * adherence7 < 0.3; MEDIUM when adherence7 < 0.6 or the streak is AT_RISK; else LOW.
 */
export function riskOf({ adherence7, daysSinceLastCheckIn, streakStatus }: RiskInputs): Risk {
  if (daysSinceLastCheckIn === null || daysSinceLastCheckIn >= RISK_QUIET_DAYS || adherence7 < RISK_HIGH_ADHERENCE) return 'HIGH';
  if (adherence7 < RISK_MEDIUM_ADHERENCE || streakStatus === 'AT_RISK') return 'MEDIUM';
  return 'LOW';
}

const RISK_RANK: Record<Risk, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

interface Ranked {
  risk: Risk;
  adherence7: number;
  adherence30: number;
  userId: string;
}

/** Dashboard order: HIGH risk first, then the lowest 7-day, then 30-day adherence, then by id (stable). */
export function byRisk(a: Ranked, b: Ranked): number {
  return (
    RISK_RANK[a.risk] - RISK_RANK[b.risk] ||
    a.adherence7 - b.adherence7 ||
    a.adherence30 - b.adherence30 ||
    (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
  );
}

/** The streak a mentor should see: a broken streak counts as 0 even before the next check-in resets it. */
export function liveStreak(current: number, status: StreakStatus): number {
  return status === 'BROKEN' ? 0 : current;
}
