import type { LocalDate } from '../lib/local-day';
import type { Logger } from '../lib/logger';
import { completeOrOffline } from './providers/completions';
import type { CoachProvider } from './providers/provider';

/** What a recovery prompt is built from: the break being repaired. */
export interface BreakFacts {
  streakBefore: number;
  lastDay: LocalDate;
  daysMissed: number;
  longest: number;
  /** Texts of intentions left unfinished from the last counted day on (newest first). */
  unfinishedIntentions?: string[];
}

/** Writes the reflection prompt of a recovery quest (the app wires the coach's, CoachRecoveryPrompts below). */
export interface RecoveryPromptSource {
  promptFor(facts: BreakFacts): Promise<string>;
}

/**
 * Recovery-quest prompts written by the coach from what was missed: the model in a short completion
 * with a timeout, falling back to the offline coach's prompt.
 */
export class CoachRecoveryPrompts implements RecoveryPromptSource {
  constructor(
    private readonly provider: CoachProvider,
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {}

  promptFor(facts: BreakFacts): Promise<string> {
    return completeOrOffline(
      this.provider,
      {
        kind: 'recovery-prompt',
        details: {
          streakBefore: facts.streakBefore,
          longest: facts.longest,
          lastDay: facts.lastDay,
          daysMissed: facts.daysMissed,
          unfinishedIntentions: facts.unfinishedIntentions ?? [],
        },
      },
      this.timeoutMs,
      this.log,
    );
  }
}
