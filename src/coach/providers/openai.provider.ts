import { APIError, OpenAI } from 'openai';

import {
  type CoachProvider,
  type CoachRequest,
  type Completion,
  type CompletionRequest,
  ProviderError,
  type StreamEvent,
} from './provider';
import { estimateTokens, promptTokens } from './tokens';

export interface OpenAIOptions {
  apiKey: string;
  baseUrl?: string;
  model: string;
  /** Bounds each HTTP request; the relay's own timers bound a stream more tightly. */
  requestTimeoutMs: number;
}

/** Describes a provider failure without leaking the server's body. */
function providerError(err: unknown, signal: AbortSignal): unknown {
  if (signal.aborted || err instanceof ProviderError) return err;
  if (err instanceof APIError && err.status !== undefined) {
    return new ProviderError(`The model server answered HTTP ${err.status}.`, 'PROVIDER_ERROR');
  }
  if (err instanceof APIError)
    return new ProviderError('The model server could not be reached or dropped the connection.', 'STREAM_DROPPED');
  return new ProviderError('The model stream broke off.', 'STREAM_DROPPED');
}

/** OpenAI, or any server speaking its Chat Completions API (Ollama, vLLM…), streamed. */
export class OpenAICoach implements CoachProvider {
  readonly name = 'openai' as const;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAIOptions) {
    // Retries are the caller's decision: a half-streamed reply must not be silently restarted.
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseUrl, maxRetries: 0, timeout: options.requestTimeoutMs });
  }

  async *stream(request: CoachRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    let finished = false;
    let usage: { tokensIn: number; tokensOut: number } | null = null;
    let text = '';
    try {
      const stream = await this.client.chat.completions.create(
        { model: this.options.model, messages: request.prompt, stream: true, stream_options: { include_usage: true } },
        { signal },
      );
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          yield { type: 'token', text: delta };
        }
        if (choice?.finish_reason) finished = true;
        if (chunk.usage) usage = { tokensIn: chunk.usage.prompt_tokens, tokensOut: chunk.usage.completion_tokens };
      }
    } catch (err) {
      throw providerError(err, signal);
    }
    signal.throwIfAborted();
    if (!finished) throw new ProviderError('The model stream ended before the reply was finished.', 'STREAM_DROPPED');
    yield usage
      ? { type: 'usage', ...usage }
      : {
          type: 'usage',
          tokensIn: promptTokens(request.prompt),
          tokensOut: estimateTokens(text),
          estimated: true,
        };
  }

  async complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
    try {
      const response = await this.client.chat.completions.create(
        {
          model: this.options.model,
          messages: request.prompt,
          ...(request.json ? { response_format: { type: 'json_object' as const } } : {}),
        },
        { signal },
      );
      const text = response.choices[0]?.message?.content ?? '';
      return {
        text,
        tokensIn: response.usage?.prompt_tokens ?? promptTokens(request.prompt),
        tokensOut: response.usage?.completion_tokens ?? estimateTokens(text),
      };
    } catch (err) {
      throw providerError(err, signal);
    }
  }
}
