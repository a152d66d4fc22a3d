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

/** Writes the reflection prompt of a recovery quest (the app wires the coach's; this rule-based one stays as a simple default). */
export interface RecoveryPromptSource {
  promptFor(facts: BreakFacts): Promise<string>;
}

/** A small rule-based set of prompts, chosen by the size of the break. */
export class RuleBasedRecoveryPrompts implements RecoveryPromptSource {
  async promptFor({ streakBefore, daysMissed, longest }: BreakFacts): Promise<string> {
    const missed = daysMissed === 1 ? 'one day' : `${daysMissed} days`;
    if (streakBefore >= 7) {
      return `You held a ${streakBefore}-day streak, then missed ${missed}. What changed in your routine, and what one adjustment protects the next ${streakBefore} days?`;
    }
    if (streakBefore >= longest && longest > 1) {
      return `Your ${streakBefore}-day run was your best yet before you missed ${missed}. What got in the way, and what will you do first thing tomorrow?`;
    }
    return `You missed ${missed}. Name what pulled you off track and the smallest step that gets you back today.`;
  }
}
