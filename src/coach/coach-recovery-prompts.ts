import type { Logger } from '../lib/logger';
import type { BreakFacts, RecoveryPromptSource } from '../services/recovery-prompts';
import { completeOrOffline } from './completions';
import type { CoachProvider } from './provider';

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
