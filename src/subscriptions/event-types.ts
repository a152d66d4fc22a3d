import type { StreakStatus } from '../services/streak.rules';

/** Payloads stored in game_events.payload and sent to subscribers: JSON-safe, dates as ISO strings. */
export interface GameEventPayloads {
  XP_GAINED: { amount: number; source: string; totalXp: number; level: number };
  LEVEL_UP: { level: number };
  STREAK_UPDATED: { current: number; longest: number; status: StreakStatus; graceDays: number };
  ACHIEVEMENT_UNLOCKED: { code: string };
}

export type GameEventType = keyof GameEventPayloads;

export type PendingEvent = { [K in GameEventType]: { type: K; payload: GameEventPayloads[K] } }[GameEventType];

/** A committed event as it leaves the outbox. */
export type GameEventMessage = PendingEvent & { cursor: string; userId: string; occurredAt: string };
