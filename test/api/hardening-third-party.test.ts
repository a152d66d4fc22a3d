import { randomUUID } from 'node:crypto';

import { newPlayer, type Player } from '../support/client';
import { linkMentor } from '../support/mentors';
import { startTestServer, type TestServer } from '../support/server';
import { subscribe, wsClient } from '../support/ws';

/**
 * Findings 4 and 6 of issue 15: M mentors A and A mentors C; A's copilot conversation about C is data
 * about C, which M may not read. And a conversation id of someone else's answers like one that does not exist.
 */
const ASK_COPILOT = `mutation Ask($input: AskMentorCopilotInput!) { askMentorCopilot(input: $input) { id conversationId status } }`;
const CONVERSATION = `query C($id: ID!) { coachConversation(id: $id) { id messages { content } } }`;
const MESSAGE = `query M($id: ID!) { coachMessage(id: $id) { id content } }`;
const ASK = `mutation Ask($input: AskCoachInput!) { askCoach(input: $input) { id conversationId } }`;
const codes = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.map((e) => e.extensions?.code);

let server: TestServer;
let mentor: Player;
let mentee: Player;
let third: Player;
let copilot: { id: string; conversationId: string };
beforeAll(async () => {
  server = await startTestServer({ COACH_OFFLINE_TOKEN_MS: '0' });
  await server.setClock('2026-03-02T09:00:00Z');
  [mentor, mentee, third] = [await newPlayer(server.graphqlUrl), await newPlayer(server.graphqlUrl), await newPlayer(server.graphqlUrl)];
  await linkMentor(mentor, mentee);
  await linkMentor(mentee, third);
  await third.client.ok(`mutation { checkIn(input: { mood: 2, note: "C's private note about the divorce" }) { xpGained } }`);
  ({ askMentorCopilot: copilot } = await mentee.client.ok(ASK_COPILOT, {
    input: { menteeId: third.id, question: 'What do the notes say?' },
  }));
}, 120_000);
afterAll(() => server?.stop());

describe("a mentor's mentee's copilot conversation about a third person", () => {
  test('the mentee (who mentors C) reads it, quoting C', async () => {
    const own = await mentee.client.ok(CONVERSATION, { id: copilot.conversationId });
    expect(own.coachConversation.id).toBe(copilot.conversationId);
  });

  test('M, who may not read C, gets FORBIDDEN for the conversation, its messages and their stream, as for user(id: C)', async () => {
    expect(codes(await mentor.client.raw(`query U($id: ID!) { user(id: $id) { id } }`, { id: third.id }))).toEqual(['FORBIDDEN']);
    const conversation = await mentor.client.raw(CONVERSATION, { id: copilot.conversationId });
    expect({ codes: codes(conversation), data: conversation.data }).toEqual({ codes: ['FORBIDDEN'], data: null });
    expect(JSON.stringify(conversation)).not.toContain('divorce');
    expect(codes(await mentor.client.raw(MESSAGE, { id: copilot.id }))).toEqual(['FORBIDDEN']);
    const client = wsClient(server.url, mentor.client.accessToken);
    try {
      const stream = await subscribe(client, `subscription S($id: ID!) { coachStream(messageId: $id) { delta done } }`, { id: copilot.id });
      await stream.waitForEnd();
      const errors = stream.results.flatMap((result) => result.errors ?? []);
      expect({ codes: errors.map((e) => e.extensions?.code), data: stream.results.map((r) => r.data ?? null) }).toEqual({
        codes: ['FORBIDDEN'],
        data: [null],
      });
    } finally {
      await client.dispose();
    }
  });

  test("M still reads the mentee's own chat conversation (the owner is all it is about)", async () => {
    const { askCoach } = await mentee.client.ok(ASK, { input: { message: 'How am I doing?' } });
    const read = await mentor.client.ok(CONVERSATION, { id: askCoach.conversationId });
    expect(read.coachConversation.id).toBe(askCoach.conversationId);
  });
});

describe('askCoach with a conversationId: not yours and does not exist answer alike', () => {
  test('FORBIDDEN for a stranger’s conversation and for a random id, with the same message', async () => {
    const { askCoach } = await third.client.ok(ASK, { input: { message: 'Hello' } });
    const answers = await Promise.all(
      [askCoach.conversationId, randomUUID()].map((conversationId) => mentor.client.raw(ASK, { input: { message: 'Hi', conversationId } })),
    );
    const shapes = answers.map((a) => ({ codes: codes(a), message: a.errors?.[0].message, data: a.data }));
    expect(shapes[0].codes).toEqual(['FORBIDDEN']);
    expect(shapes[1]).toEqual(shapes[0]);
  });
});
