import type { LocalDate } from '../lib/local-day';
import type { StreakStatus } from '../services/streak.rules';

/**
 * Payloads stored in game_events.payload and sent to subscribers: JSON-safe, dates as ISO strings,
 * local days as YYYY-MM-DD. Each carries what a dashboard needs to redraw without a refetch, and never
 * free text a person wrote (notes, intention text, reflections): those stay in their tables.
 * Adding a type here makes `TYPE_NAMES` (src/resolvers/game-event.types.ts) fail to compile until the
 * type has its GraphQL object type.
 */
export interface GameEventPayloads {
  XP_GAINED: { amount: number; source: string; totalXp: number; level: number };
  LEVEL_UP: { level: number };
  STREAK_UPDATED: { current: number; longest: number; status: StreakStatus; graceDays: number };
  ACHIEVEMENT_UNLOCKED: { code: string };
  CHECK_IN: { checkInId: string; date: string; mood: number | null; checkInsTotal: number };
  INTENTION_SET: { intentionId: string; date: string; targetSprints: number };
  INTENTION_COMPLETED: { intentionId: string; date: string; intentionsCompleted: number; clarity: number };
  SPRINT_STARTED: { sprintId: string; plannedMinutes: number; startedAt: string; endsAt: string };
  SPRINT_COMPLETED: {
    sprintId: string;
    plannedMinutes: number;
    startedAt: string;
    endedAt: string;
    sprintsCompleted: number;
    discipline: number;
  };
  SPRINT_ABANDONED: { sprintId: string; plannedMinutes: number; startedAt: string; endedAt: string };
  GRACE_DAY_EARNED: { graceDays: number; streak: number };
  RECOVERY_QUEST_STARTED: { questId: string; expiresOn: string };
  RECOVERY_QUEST_COMPLETED: { questId: string; repairedOn: string; resilience: number };
  ACHIEVEMENT_CLAIMED: { code: string };
  TOOL_BOUGHT: { code: string; quantity: number; inventoryCount: number };
  TOOL_USED: { code: string; quantity: number; inventoryCount: number };
  VITALS_CHANGED: { energy: number; fatigue: number; loyalty: number };
  ROADMAP_TASK_COMPLETED: { taskId: string; roadmapId: string; xpAwarded: number };
  ROADMAP_TASK_REOPENED: { taskId: string; roadmapId: string };
  /** A check-in bridged missed days: `count` grace days were spent, `graceDays` are left. */
  GRACE_DAYS_USED: { count: number; graceDays: number };
  // Written by the day close (src/services/day-close.service.ts, docs/time-engine.md).
  INTENTION_FAILED: { intentionId: string; date: LocalDate };
  RECOVERY_QUEST_EXPIRED: { questId: string; expiresOn: LocalDate };
  STREAK_AT_RISK: { current: number; expiresAt: string; graceDays: number; graceDaysNeeded: number };
  STREAK_BROKEN: { lost: number; longest: number; recoveryQuestAvailable: boolean };
  RECOVERY_QUEST_OFFERED: { expiresOn: LocalDate };
  DAY_CLOSED: DayClosedPayload;
}

/** The summary of one closed local day (also the `day_closes` row). */
export interface DayClosedPayload {
  date: LocalDate;
  checkedIn: boolean;
  mood: number | null;
  intentionStatus: 'COMPLETED' | 'FAILED' | null;
  sprintsCompleted: number;
  sprintMinutes: number;
  xp: number;
  energy: number;
  fatigue: number;
  vacation: boolean;
}

export type GameEventType = keyof GameEventPayloads;

export type PendingEvent = { [K in GameEventType]: { type: K; payload: GameEventPayloads[K] } }[GameEventType];

/** A committed event as it leaves the outbox. */
export type GameEventMessage = PendingEvent & { cursor: string; userId: string; occurredAt: string };
