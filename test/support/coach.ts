import { scopeFor } from '../../src/lib/scope';
import type { CoachChunkMessage } from '../../src/subscriptions/topics';
import type { TestClient } from './client';
import { eventually } from './eventually';
import type { TestServer } from './server';
import { subscribe, type Subscription, wsClient } from './ws';

export const MESSAGE_FIELDS = 'id conversationId role content status provider tokensIn tokensOut tokensEstimated error';

export const ASK_COACH = `mutation Ask($input: AskCoachInput!) { askCoach(input: $input) { ${MESSAGE_FIELDS} } }`;
export const CANCEL = `mutation Cancel($id: ID!) { cancelCoachMessage(id: $id) { ${MESSAGE_FIELDS} } }`;
export const MESSAGE = `query Message($id: ID!) { coachMessage(id: $id) { ${MESSAGE_FIELDS} } }`;
export const CONVERSATION = `query Conversation($id: ID!) { coachConversation(id: $id) { id kind createdAt messages { ${MESSAGE_FIELDS} } } }`;
export const COACH_STREAM = `subscription Stream($messageId: ID!) { coachStream(messageId: $messageId) { messageId seq delta done content status error } }`;

/** Follows a reply through the service layer until its last chunk. */
export async function followService(
  server: TestServer,
  userId: string,
  messageId: string,
  timeoutMs = 10_000,
): Promise<CoachChunkMessage[]> {
  const iterator = await server.app.services.coachFollower.follow(scopeFor(userId, server.app.clock, server.app.log), messageId);
  const chunks: CoachChunkMessage[] = [];
  const deadline = setTimeout(() => void iterator.return?.(), timeoutMs);
  try {
    for await (const chunk of { [Symbol.asyncIterator]: () => iterator }) {
      chunks.push(chunk);
      if (chunk.done) break;
    }
  } finally {
    clearTimeout(deadline);
  }
  return chunks;
}

/** Subscribes to coachStream over a real WebSocket and waits for the last chunk. */
export async function followSocket(server: { url: string }, token: string | undefined, messageId: string, timeoutMs = 10_000) {
  const client = wsClient(server.url, token);
  try {
    const sub: Subscription = await subscribe(client, COACH_STREAM, { messageId });
    await eventually(() => sub.completed || sub.results.some((r) => r.data?.coachStream?.done), {
      timeoutMs,
      everyMs: 20,
      what: 'the last chunk',
    });
    return {
      chunks: sub.results.filter((r) => r.data).map((r) => r.data.coachStream),
      errors: sub.results.flatMap((r) => r.errors ?? []),
      sub,
    };
  } finally {
    await client.dispose();
  }
}

/** The stored message, straight from the API. */
export async function message(client: TestClient, id: string) {
  return (await client.ok(MESSAGE, { id })).coachMessage;
}

/** Waits until the reply is no longer STREAMING and returns it. */
export async function finished(client: TestClient, id: string, timeoutMs = 10_000) {
  let current: any;
  await eventually(
    async () => {
      current = await message(client, id);
      return current.status !== 'STREAMING';
    },
    { timeoutMs, everyMs: 50, what: 'the reply to finish' },
  );
  return current;
}

/** The deltas joined, checking that seq only grows by one. */
export function joined(chunks: { seq: number; delta: string }[]): string {
  for (let i = 1; i < chunks.length; i++) expect(chunks[i].seq).toBe(chunks[i - 1].seq + 1);
  return chunks.map((c) => c.delta).join('');
}
