import type { StoredIntentionStatus } from '../entities/daily-intention.entity';
import { daysBetween, type LocalDate } from '../lib/local-day';

/** An intention's text, counted after trimming (docs/rules.md, daily intention). */
export const INTENTION_TEXT_MIN = 3;
export const INTENTION_TEXT_MAX = 280;
/** Sprints planned for an intention. */
export const TARGET_SPRINTS_MIN = 1;
export const TARGET_SPRINTS_MAX = 8;
export const TARGET_SPRINTS_DEFAULT = 1;

export type IntentionStatus = StoredIntentionStatus | 'FAILED';

/**
 * The status an intention shows on the user's local day `today`: one still PENDING after its own day
 * ended is FAILED (shown, never punished). The one place this is derived; every read goes through it.
 */
export function intentionStatus(stored: StoredIntentionStatus, date: LocalDate, today: LocalDate): IntentionStatus {
  return stored === 'PENDING' && daysBetween(date, today) > 0 ? 'FAILED' : stored;
}
