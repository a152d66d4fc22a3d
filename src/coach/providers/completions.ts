import type { Logger } from '../../lib/logger';
import { offlineCompletion } from './offline.provider';
import { completionPrompt } from './prompt.rules';
import { type CoachProvider, type Completion, type CompletionRequest, type CompletionTask, ProviderError } from './provider';

/** One short completion, aborted after `timeoutMs`; a timeout is reported as a ProviderError. */
export async function completeWithin(provider: CoachProvider, request: CompletionRequest, timeoutMs: number): Promise<Completion> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await provider.complete(request, signal);
  } catch (err) {
    if (signal.aborted) throw new ProviderError(`The coach did not answer within ${Math.round(timeoutMs / 100) / 10} s.`, 'PROVIDER_ERROR');
    throw err;
  }
}

/** A short text from the provider, or the offline coach's when the provider fails or is too slow. */
export async function completeOrOffline(provider: CoachProvider, task: CompletionTask, timeoutMs: number, log: Logger): Promise<string> {
  if (provider.name === 'offline') return offlineCompletion(task);
  try {
    const { text } = await completeWithin(provider, { task, prompt: completionPrompt(task) }, timeoutMs);
    const trimmed = text.trim();
    if (trimmed.length > 0) return trimmed.slice(0, 1000);
  } catch (err) {
    log.warn(
      { err: err instanceof Error ? err.message : String(err), task: task.kind },
      'coach completion failed; using the offline coach',
    );
  }
  return offlineCompletion(task);
}
