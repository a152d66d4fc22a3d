import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** What the fake server does with one /v1/chat/completions request. */
export type Behaviour =
  /** Streams `tokens` as SSE chunks (after `firstTokenMs`, then every `tokenMs`), with usage unless `usage: false`. */
  | { kind: 'stream'; tokens: string[]; firstTokenMs?: number; tokenMs?: number; usage?: boolean }
  /** Answers with an HTTP error. */
  | { kind: 'status'; status: number }
  /** Streams `tokens`, then destroys the socket without finishing. */
  | { kind: 'cut'; tokens: string[]; tokenMs?: number }
  /** A non-streamed completion with this content. */
  | { kind: 'json'; content: string }
  /** Streams `count` tokens `<question>-<i> ` (unique per question, so a client can time each token). */
  | { kind: 'echo'; count: number; firstTokenMs: number; tokenMs: number };

export interface RecordedRequest {
  body: any;
  /** performance.now() of this process when the request's body was read. */
  receivedAt: number;
}

/**
 * A local OpenAI-compatible server for tests and the bench: the real `openai` client talks to it over HTTP.
 * Each request takes the next queued behaviour, else the default one.
 */
export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Behaviour[] = [];
  private server: Server | null = null;
  /** Called with each token as it is written, with performance.now() (the bench times tokens from here). */
  onToken: ((token: string, at: number) => void) | null = null;

  constructor(public fallback: Behaviour = { kind: 'stream', tokens: ['Hello ', 'from ', 'the ', 'model.'] }) {}

  get baseUrl(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues behaviours for the next requests, in order. */
  next(...behaviours: Behaviour[]): void {
    this.queue.push(...behaviours);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    this.requests.push({ body, receivedAt: performance.now() });
    const queued = this.queue.shift() ?? this.fallback;
    const question = String(body.messages?.at(-1)?.content ?? '').slice(0, 40);
    const behaviour: Exclude<Behaviour, { kind: 'echo' }> =
      queued.kind === 'echo'
        ? {
            kind: 'stream',
            tokens: Array.from({ length: queued.count }, (_, i) => `${question}-${i} `),
            firstTokenMs: queued.firstTokenMs,
            tokenMs: queued.tokenMs,
          }
        : queued;
    let closed = false;
    res.on('close', () => (closed = true));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const id = `chatcmpl-${this.requests.length}`;
    const frame = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

    if (behaviour.kind === 'status') {
      res.writeHead(behaviour.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error' } }));
      return;
    }
    if (behaviour.kind === 'json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created: 0,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: behaviour.content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 100, completion_tokens: 200, total_tokens: 300 },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    res.write(frame({ role: 'assistant', content: '' }));
    const first = behaviour.kind === 'stream' ? (behaviour.firstTokenMs ?? 0) : 0;
    const every = behaviour.tokenMs ?? 0;
    for (let i = 0; i < behaviour.tokens.length; i++) {
      await sleep(i === 0 ? first : every);
      if (closed) return;
      res.write(frame({ content: behaviour.tokens[i] }));
      this.onToken?.(behaviour.tokens[i], performance.now());
    }
    if (behaviour.kind === 'cut') {
      await sleep(20);
      res.destroy();
      return;
    }
    res.write(frame({}, 'stop'));
    if (behaviour.usage !== false && body.stream_options?.include_usage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [], usage: { prompt_tokens: 321, completion_tokens: behaviour.tokens.length, total_tokens: 321 + behaviour.tokens.length } })}\n\n`,
      );
    }
    res.write('data: [DONE]\n\n');
    res.end();
  }
}
