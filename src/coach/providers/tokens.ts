import type { ChatTurn } from './provider';

/** ~4 characters per token: the one estimate, used wherever a provider reports no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The estimated tokens of a whole prompt. */
export function promptTokens(prompt: readonly ChatTurn[]): number {
  return prompt.reduce((sum, turn) => sum + estimateTokens(turn.content), 0);
}
