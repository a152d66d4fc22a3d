import type { LocalDate } from '../lib/local-day';

/** What a recovery prompt is built from: the break being repaired. */
export interface BreakFacts {
  streakBefore: number;
  lastDay: LocalDate;
  daysMissed: number;
  longest: number;
  /** Texts of intentions left unfinished from the last counted day on (newest first). */
  unfinishedIntentions?: string[];
}

/** Writes the reflection prompt of a recovery quest (the app wires the coach's, in src/coach/coach-recovery-prompts.ts). */
export interface RecoveryPromptSource {
  promptFor(facts: BreakFacts): Promise<string>;
}
