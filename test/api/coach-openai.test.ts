import { newPlayer } from '../support/client';
import { ASK_COACH, CANCEL, finished, followSocket, joined, message, MESSAGE_FIELDS } from '../support/coach';
import { eventually } from '../support/eventually';
import { FakeOpenAI } from '../support/fake-openai';
import { CHECK_IN, SET_INTENTION, START_RECOVERY } from '../support/operations';
import { at } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';

// The real `openai` client against a local OpenAI-compatible server: nothing leaves 127.0.0.1.
const fake = new FakeOpenAI({ kind: 'stream', tokens: ['Check ', 'in ', 'now, ', 'then ', 'one ', 'sprint.'], tokenMs: 5 });
let server: TestServer;
beforeAll(async () => {
  await fake.start();
  server = await startTestServer({
    OPENAI_API_KEY: 'test',
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_MODEL: 'fake-model',
    COACH_FIRST_TOKEN_TIMEOUT_MS: '400',
    COACH_TIMEOUT_MS: '1500',
    COACH_PROMPT_TIMEOUT_MS: '500',
    COACH_CONTEXT_TOKENS: '700',
    COACH_RATE_LIMIT: '12',
    COACH_FLUSH_MS: '20',
  });
});
afterAll(async () => {
  await server.stop();
  await fake.stop();
});

const GENERATE = `mutation Gen($input: GenerateRoadmapInput!) {
  generateRoadmap(input: $input) { id title provider durationWeeks weeks { week theme days { day focus tasks { title effortMinutes category } } } }
}`;
const ONE_WEEK = { goal: 'Learn SQL', durationWeeks: 1, hoursPerDay: 1, level: 'INTERMEDIATE' };
const VALID_PLAN = JSON.stringify({
  title: 'SQL in a week',
  weeks: [
    {
      week: 1,
      theme: 'Queries',
      days: [{ day: 1, focus: 'SELECT', tasks: [{ title: 'Write ten SELECT queries', effortMinutes: 60, category: 'PRACTICE' }] }],
    },
  ],
});

async function ask(text = 'What now?') {
  const player = await newPlayer(server.graphqlUrl);
  const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: text } });
  return { player, reply: askCoach };
}

test('a reply streams token by token from the model, with the game state in the prompt and usage stored', async () => {
  await server.setClock('2026-09-01T09:00:00Z');
  const before = fake.requests.length;
  const player = await newPlayer(server.graphqlUrl, { displayName: 'Lin' });
  await player.client.ok(CHECK_IN);
  await player.client.ok(SET_INTENTION, { input: { text: 'Draft the proposal', targetSprints: 2 } });
  const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: 'Where do I start?' } });
  expect(askCoach).toMatchObject({ status: 'STREAMING', provider: 'openai' });
  const { chunks } = await followSocket(server, player.client.accessToken, askCoach.id);
  const stored = await finished(player.client, askCoach.id);
  expect(stored).toMatchObject({
    status: 'COMPLETE',
    content: 'Check in now, then one sprint.',
    tokensIn: 321,
    tokensOut: 6,
    tokensEstimated: false,
  });
  expect(joined(chunks)).toBe(stored.content);
  expect(chunks[chunks.length - 1]).toMatchObject({ done: true, status: 'COMPLETE', content: stored.content });

  const request = fake.requests[before].body;
  expect(request).toMatchObject({ model: 'fake-model', stream: true, stream_options: { include_usage: true } });
  expect(request.messages[0].role).toBe('system');
  expect(request.messages[0].content).toContain('Player: Lin. Today is 2026-09-01.');
  expect(request.messages[0].content).toContain('Streak: 1 days (longest 1), status ACTIVE');
  expect(request.messages[0].content).toContain('Energy 60/100, fatigue 0/100');
  expect(request.messages[0].content).toContain('Today\'s intention: "Draft the proposal" (PENDING, 2 sprint(s) planned)');
  expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'Where do I start?' });
});

test('the prompt keeps the latest turns within the token budget, dropping the oldest first', async () => {
  const player = await newPlayer(server.graphqlUrl);
  let conversationId: string | undefined;
  for (let turn = 0; turn < 6; turn++) {
    fake.next({ kind: 'stream', tokens: [`Answer ${turn}: ${'lorem ipsum '.repeat(40)}`] });
    const { askCoach } = await player.client.ok(ASK_COACH, {
      input: { message: `Question ${turn}: ${'dolor sit '.repeat(20)}`, conversationId },
    });
    conversationId = askCoach.conversationId;
    await finished(player.client, askCoach.id);
  }
  const messages: { role: string; content: string }[] = fake.requests.at(-1)!.body.messages;
  const tokens = messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 4), 0);
  expect(tokens).toBeLessThanOrEqual(700);
  expect(messages[0].role).toBe('system');
  expect(messages.at(-1)!.content).toMatch(/^Question 5/);
  expect(messages[1].role).toBe('user');
  expect(messages.some((m) => m.content.startsWith('Question 0'))).toBe(false);
  expect(messages.some((m) => m.content.startsWith('Answer 4'))).toBe(true);
});

test('an HTTP 500 from the model ends the reply FAILED with a last chunk that says so', async () => {
  fake.next({ kind: 'status', status: 500 });
  const { player, reply } = await ask();
  const { chunks } = await followSocket(server, player.client.accessToken, reply.id);
  expect(chunks[chunks.length - 1]).toMatchObject({
    done: true,
    status: 'FAILED',
    error: 'The model server answered HTTP 500.',
    content: '',
  });
  expect(await finished(player.client, reply.id)).toMatchObject({
    status: 'FAILED',
    error: 'The model server answered HTTP 500.',
    content: '',
  });
});

test('a stream cut mid-way ends FAILED and keeps the text so far', async () => {
  fake.next({ kind: 'cut', tokens: ['Start ', 'with ', 'the '], tokenMs: 30 });
  const { player, reply } = await ask();
  const { chunks } = await followSocket(server, player.client.accessToken, reply.id);
  const stored = await finished(player.client, reply.id);
  expect(stored.status).toBe('FAILED');
  expect(stored.content).toBe('Start with the ');
  expect(stored.error).toMatch(/dropped the connection|broke off|ended before/);
  expect(joined(chunks)).toBe('Start with the ');
  expect(chunks[chunks.length - 1]).toMatchObject({ done: true, status: 'FAILED', content: 'Start with the ' });
});

test('a first token slower than the first-token timeout ends FAILED; nothing hangs', async () => {
  fake.next({ kind: 'stream', tokens: ['Too ', 'late.'], firstTokenMs: 1200 });
  const started = Date.now();
  const { player, reply } = await ask();
  const { chunks } = await followSocket(server, player.client.accessToken, reply.id);
  expect(Date.now() - started).toBeLessThan(1500);
  expect(chunks).toEqual([
    expect.objectContaining({
      done: true,
      status: 'FAILED',
      delta: '',
      content: '',
      error: 'The coach did not start answering within 0.4 s.',
    }),
  ]);
});

test('a stream longer than the total timeout ends FAILED with its partial text', async () => {
  fake.next({ kind: 'stream', tokens: Array.from({ length: 30 }, (_, i) => `w${i} `), tokenMs: 100 });
  const { player, reply } = await ask();
  const stored = await finished(player.client, reply.id, 5000);
  expect(stored.status).toBe('FAILED');
  expect(stored.error).toBe('The coach took longer than 1.5 s and was stopped.');
  expect(stored.content).toMatch(/^w0 w1 w2 /);
  expect(stored.content.length).toBeLessThan(30 * 4);
});

test('cancelling aborts the model request and keeps the text so far', async () => {
  fake.next({ kind: 'stream', tokens: Array.from({ length: 20 }, (_, i) => `t${i} `), tokenMs: 40 });
  const { player, reply } = await ask();
  await eventually(async () => (await message(player.client, reply.id)).content.length > 0, {
    timeoutMs: 5000,
    everyMs: 10,
    what: 'a first token',
  });
  const { cancelCoachMessage } = await player.client.ok(CANCEL, { id: reply.id });
  expect(cancelCoachMessage.status).toBe('CANCELLED');
  expect(cancelCoachMessage.content).toMatch(/^t0 /);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect((await message(player.client, reply.id)).content).toBe(cancelCoachMessage.content);
});

test('roadmaps: an invalid JSON answer is retried once; the valid one is stored', async () => {
  const player = await newPlayer(server.graphqlUrl);
  const before = fake.requests.length;
  fake.next({ kind: 'json', content: 'Sure! Here is your roadmap: {"title": ' }, { kind: 'json', content: VALID_PLAN });
  const { generateRoadmap } = await player.client.ok(GENERATE, { input: ONE_WEEK });
  expect(generateRoadmap).toMatchObject({ title: 'SQL in a week', provider: 'openai', durationWeeks: 1 });
  expect(generateRoadmap.weeks[0].days[0].tasks).toEqual([{ title: 'Write ten SELECT queries', effortMinutes: 60, category: 'PRACTICE' }]);
  expect(fake.requests.length - before).toBe(2);
  const retry = fake.requests[before + 1].body;
  expect(retry.response_format).toEqual({ type: 'json_object' });
  expect(retry.messages.at(-1).content).toContain('That is invalid (the answer is not JSON)');
});

test('roadmaps: invalid twice fails clearly and stores nothing', async () => {
  const player = await newPlayer(server.graphqlUrl);
  const wrongWeeks = JSON.stringify({ title: 'x', weeks: [] });
  fake.next({ kind: 'json', content: '{"title": "no weeks"}' }, { kind: 'json', content: wrongWeeks });
  const error = await player.client.fails('ROADMAP_INVALID', GENERATE, { input: ONE_WEEK });
  expect(error.message).toBe('The coach returned an invalid roadmap twice (weeks: expected 1 weeks, got 0). Nothing was saved; try again.');
  const rows = await server.app.db.query('SELECT id FROM roadmaps WHERE user_id = $1', [player.id]);
  expect(rows).toEqual([]);

  fake.next({ kind: 'status', status: 503 });
  await player.client.fails('COACH_UNAVAILABLE', GENERATE, { input: ONE_WEEK });
});

test('recovery prompts come from the model, and from the offline coach when the model fails', async () => {
  const start = async (behaviour: Parameters<FakeOpenAI['next']>[0]) => {
    const player = await newPlayer(server.graphqlUrl);
    await server.setClock(at('2026-09-10'));
    await player.client.ok(CHECK_IN);
    await server.setClock(at('2026-09-13'));
    fake.next(behaviour);
    return (await player.client.ok(START_RECOVERY)).startRecoveryQuest.prompt;
  };
  expect(await start({ kind: 'json', content: '  Two days slipped by. What would make tomorrow easy?  ' })).toBe(
    'Two days slipped by. What would make tomorrow easy?',
  );
  const recorded = fake.requests.at(-1)!.body;
  expect(recorded.stream).toBeFalsy();
  expect(recorded.messages[1].content).toContain('Last check-in 2026-09-10; 2 day(s) missed.');
  expect(await start({ kind: 'status', status: 500 })).toBe(
    'You had a 1-day streak, then missed 2 days after 2026-09-10. What got in the way, and what one change protects the next week?',
  );
  expect(await start({ kind: 'stream', tokens: ['slow'], firstTokenMs: 2000 })).toMatch(/^You had a 1-day streak/);
});

test('coach calls are rate-limited per user with a retry-after hint', async () => {
  const player = await newPlayer(server.graphqlUrl);
  const other = await newPlayer(server.graphqlUrl);
  const ASK = `mutation Ask($input: AskCoachInput!) { askCoach(input: $input) { ${MESSAGE_FIELDS} } }`;
  for (let i = 0; i < 12; i++) await player.client.ok(ASK, { input: { message: `q${i}` } });
  const limited = await player.client.fails('RATE_LIMITED', ASK, { input: { message: 'one more' } });
  expect(limited.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(limited.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
  await other.client.ok(ASK, { input: { message: 'I am not limited' } });
});
