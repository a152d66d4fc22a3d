import { setTimeout as sleep } from 'node:timers/promises';

import { roadmapTemplate } from '../roadmaps/roadmap-template.rules';
import { offlineReply, onboardingQuestion, recoveryPrompt } from './offline-coach.rules';
import {
  type CoachProvider,
  type CoachRequest,
  type Completion,
  type CompletionRequest,
  type CompletionTask,
  type StreamEvent,
} from './provider';
import { estimateTokens, promptTokens } from './tokens';

/** Splits text into word-sized tokens that join back to exactly the text. */
export function tokenize(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * The rule-based coach used when no OPENAI_API_KEY is set: deterministic replies from the game state,
 * streamed a word at a time like a model would.
 */
export class OfflineCoach implements CoachProvider {
  readonly name = 'offline' as const;

  constructor(private readonly tokenDelayMs: number) {}

  async *stream(request: CoachRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const text = offlineReply(request.brief);
    for (const token of tokenize(text)) {
      signal.throwIfAborted();
      if (this.tokenDelayMs > 0) await sleep(this.tokenDelayMs, undefined, { signal });
      yield { type: 'token', text: token };
    }
    yield {
      type: 'usage',
      tokensIn: promptTokens(request.prompt),
      tokensOut: estimateTokens(text),
      estimated: true,
    };
  }

  async complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
    signal.throwIfAborted();
    const text = offlineCompletion(request.task);
    return { text, tokensIn: promptTokens(request.prompt), tokensOut: estimateTokens(text) };
  }
}

/** The offline answer to a short task (also the fallback when the model fails). */
export function offlineCompletion(task: CompletionTask): string {
  switch (task.kind) {
    case 'recovery-prompt':
      return recoveryPrompt(task.details);
    case 'onboarding-question':
      return onboardingQuestion(task.step, task.vision, task.goals, task.intention);
    case 'roadmap':
      return JSON.stringify(roadmapTemplate(task.request));
  }
}
