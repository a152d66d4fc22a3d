import { performance } from 'node:perf_hooks';

import type { Client } from 'graphql-ws';
import type { OpenAI } from 'openai';

/**
 * One round's samples. Times are performance.now() of the driver process, which also runs the fake
 * provider, so a token's write and its arrival are read from the same clock.
 */
export interface RoundSamples {
  /** Request sent (askCoach, or the direct completion request) → first token received. */
  ttftMs: number[];
  /** Per chunk received: now − when the provider wrote the newest token it carries. */
  lagMs: number[];
  /** Gaps between consecutive chunks of one stream (inter-chunk time as a client sees it). */
  gapMs: number[];
  /** Where the time to first token goes: request sent → the provider has it; first token written → received. */
  toProviderMs: number[];
  firstTokenLagMs: number[];
  /** askCoach sent → its response (API only). */
  askMs: number[];
  chunks: number;
  /** Chunks whose newest token was written before the subscriber subscribed (catch-up, not timed). */
  caughtUp: number;
  check: StreamCheck;
}

/** What every stream is validated against: tokens `<id>-0 … <id>-(N−1)`, each once, in order. */
export interface StreamCheck {
  streams: number;
  lost: number;
  reordered: number;
  failed: number;
  /** Deltas that do not add up to the final content (API), or a stream that errored. */
  mismatched: number;
}

export interface RoundPlan {
  /** Unique per round and mode: tokens of one round never match another's. */
  tag: string;
  streams: number;
  tokens: number;
  /** Stream s starts at s × rampMs / streams. */
  rampMs: number;
  /** When the provider wrote each token (the fake server's onToken), by token text. */
  writtenAt: Map<string, number>;
  /** When the provider received the request of a stream, by stream id (the question it asked). */
  requestedAt: (id: string) => number | undefined;
}

/** Follows tokens of one stream: order, losses, and the newest token's write time. */
class TokenOrder {
  private next = 0;
  reordered = 0;
  firstWrittenAt: number | null = null;

  constructor(
    private readonly id: string,
    private readonly expected: number,
    private readonly writtenAt: Map<string, number>,
  ) {}

  /** Checks the tokens a piece of text carries; returns the write time of the newest, or null. */
  take(text: string): number | null {
    let newest: number | null = null;
    for (const token of text.split(' ')) {
      if (!token) continue;
      if (token === `${this.id}-${this.next}`) this.next++;
      else this.reordered++;
      const at = this.writtenAt.get(token);
      this.writtenAt.delete(token);
      if (token === `${this.id}-0` && at !== undefined) this.firstWrittenAt = at;
      if (at !== undefined) newest = newest === null ? at : Math.max(newest, at);
    }
    return newest;
  }

  get lost(): number {
    return this.expected - this.next;
  }
}

function emptyRound(streams: number): RoundSamples {
  return {
    ttftMs: [],
    lagMs: [],
    gapMs: [],
    toProviderMs: [],
    firstTokenLagMs: [],
    askMs: [],
    chunks: 0,
    caughtUp: 0,
    check: { streams, lost: 0, reordered: 0, failed: 0, mismatched: 0 },
  };
}

/** Records where a stream's time to first token went. */
function firstToken(out: RoundSamples, plan: RoundPlan, id: string, order: TokenOrder, sentAt: number, receivedAt: number): void {
  out.ttftMs.push(receivedAt - sentAt);
  const requested = plan.requestedAt(id);
  if (requested !== undefined) out.toProviderMs.push(requested - sentAt);
  if (order.firstWrittenAt !== null) out.firstTokenLagMs.push(receivedAt - order.firstWrittenAt);
}

const until = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/** Runs `stream` for each stream of the round, started `rampMs / streams` apart. */
async function staggered(plan: RoundPlan, stream: (s: number, id: string) => Promise<void>): Promise<void> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: plan.streams }, async (_, s) => {
      await until(start + (s * plan.rampMs) / plan.streams);
      await stream(s, `${plan.tag}-${s}`);
    }),
  );
}

/** The baseline: every stream read straight from the provider with the same `openai` client the API uses. */
export async function directRound(client: OpenAI, plan: RoundPlan): Promise<RoundSamples> {
  const out = emptyRound(plan.streams);
  await staggered(plan, async (_s, id) => {
    const order = new TokenOrder(id, plan.tokens, plan.writtenAt);
    let text = '';
    let last: number | null = null;
    const sentAt = performance.now();
    try {
      const stream = await client.chat.completions.create({ model: 'bench', messages: [{ role: 'user', content: id }], stream: true });
      for await (const chunk of stream) {
        const now = performance.now();
        const delta = chunk.choices[0]?.delta?.content;
        if (!delta) continue;
        const newest = order.take(delta);
        if (last === null) firstToken(out, plan, id, order, sentAt, now);
        else out.gapMs.push(now - last);
        last = now;
        text += delta;
        out.chunks++;
        if (newest !== null) out.lagMs.push(now - newest);
      }
    } catch {
      out.check.failed++;
    }
    out.check.lost += order.lost;
    out.check.reordered += order.reordered;
    if (text !== Array.from({ length: plan.tokens }, (_, i) => `${id}-${i} `).join('')) out.check.mismatched++;
  });
  return out;
}

interface Chunk {
  seq: number;
  delta: string;
  done: boolean;
  content: string | null;
  status: string;
}

const ASK = 'mutation Ask($input: AskCoachInput!) { askCoach(input: $input) { id status } }';
const STREAM = 'subscription Stream($id: ID!) { coachStream(messageId: $id) { seq delta done content status } }';

/** Through the API: askCoach over HTTP, then coachStream over the stream's own graphql-ws socket. */
export async function apiRound(graphqlUrl: string, sockets: { client: Client; token: string }[], plan: RoundPlan): Promise<RoundSamples> {
  const out = emptyRound(plan.streams);
  await staggered(plan, async (s, id) => {
    const { client, token } = sockets[s];
    const order = new TokenOrder(id, plan.tokens, plan.writtenAt);
    const sentAt = performance.now();
    try {
      const res = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: ASK, variables: { input: { message: id } } }),
      });
      const body = (await res.json()) as { data?: { askCoach: { id: string; status: string } }; errors?: unknown[] };
      if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
      const subscribedAt = performance.now();
      out.askMs.push(subscribedAt - sentAt);
      let text = '';
      let last: number | null = null;
      let seq: number | null = null;
      const final = await new Promise<Chunk>((resolve, reject) => {
        const stop = client.subscribe<{ coachStream: Chunk }>(
          { query: STREAM, variables: { id: body.data?.askCoach.id } },
          {
            next: ({ data, errors }) => {
              const now = performance.now();
              const chunk = data?.coachStream;
              if (!chunk) return reject(new Error(JSON.stringify(errors)));
              if (seq !== null && chunk.seq !== seq + 1) out.check.reordered++;
              seq = chunk.seq;
              if (chunk.delta) {
                const newest = order.take(chunk.delta);
                if (last === null) firstToken(out, plan, id, order, sentAt, now);
                else out.gapMs.push(now - last);
                last = now;
                text += chunk.delta;
                out.chunks++;
                // A token written before we subscribed arrives by catch-up: that wait is ours, not the relay's.
                if (newest !== null && newest >= subscribedAt) out.lagMs.push(now - newest);
                else if (newest !== null) out.caughtUp++;
              }
              if (chunk.done) {
                stop();
                if (chunk.content !== text) out.check.mismatched++;
                resolve(chunk);
              }
            },
            error: reject,
            complete: () => reject(new Error('completed without a done chunk')),
          },
        );
      });
      if (final.status !== 'COMPLETE') out.check.failed++;
    } catch {
      out.check.failed++;
    }
    out.check.lost += order.lost;
    out.check.reordered += order.reordered;
  });
  return out;
}
