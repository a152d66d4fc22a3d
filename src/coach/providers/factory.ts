import type { Config } from '../../config';
import { OfflineCoach } from './offline.provider';
import { OpenAICoach } from './openai.provider';
import type { CoachProvider } from './provider';

/** OpenAI (or a compatible server) when OPENAI_API_KEY is set; the offline coach otherwise. */
export function createCoachProvider(config: Pick<Config, 'openai' | 'coach'>): CoachProvider {
  const { apiKey, baseUrl, model } = config.openai;
  if (!apiKey) return new OfflineCoach(config.coach.offlineTokenMs);
  return new OpenAICoach({ apiKey, baseUrl, model, requestTimeoutMs: config.coach.timeoutMs });
}
