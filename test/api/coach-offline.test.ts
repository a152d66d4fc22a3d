import { newPlayer, type Player } from '../support/client';
import { ASK_COACH, CANCEL, CONVERSATION, finished, followService, followSocket, joined, message, MESSAGE_FIELDS } from '../support/coach';
import { eventually } from '../support/eventually';
import { linkMentor } from '../support/mentors';
import { CHECK_IN, COMPLETE_INTENTION, SET_INTENTION, START_RECOVERY } from '../support/operations';
import { at, gameState, ledgerTotal } from '../support/scenarios';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ COACH_OFFLINE_TOKEN_MS: '8', COACH_FLUSH_MS: '30' });
});
afterAll(() => server.stop());

const ROADMAP_FIELDS = `id goal title durationWeeks hoursPerDay level provider tasksTotal tasksCompleted
  weeks { week theme days { day focus tasks { id position title effortMinutes category completed xpAwarded } } }`;
const GENERATE = `mutation Gen($input: GenerateRoadmapInput!) { generateRoadmap(input: $input) { ${ROADMAP_FIELDS} } }`;
const COMPLETE_TASK = `mutation C($id: ID!) { completeRoadmapTask(id: $id) { xpGained task { id completed xpAwarded } gameState { xp level } } }`;
const UNCOMPLETE_TASK = `mutation U($id: ID!) { uncompleteRoadmapTask(id: $id) { xpGained task { id completed xpAwarded } gameState { xp level } } }`;
const ASK_ROADMAP = `mutation A($input: AskRoadmapAssistantInput!) { askRoadmapAssistant(input: $input) { ${MESSAGE_FIELDS} } }`;
const ASK_MENTOR = `mutation M($input: AskMentorCopilotInput!) { askMentorCopilot(input: $input) { ${MESSAGE_FIELDS} } }`;
const ONBOARDING_FIELDS = 'step question vision goals conversationId completedAt intention { id text status }';
const START_ONBOARDING = `mutation { startOnboarding { ${ONBOARDING_FIELDS} } }`;
const ANSWER_ONBOARDING = `mutation A($answer: String!) { answerOnboarding(answer: $answer) { ${ONBOARDING_FIELDS} } }`;
const ONBOARDING = `{ onboarding { ${ONBOARDING_FIELDS} } }`;

/** Asks the offline coach and returns the finished reply. */
async function advice(player: Player, text = 'What should I do now?') {
  const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: text } });
  return finished(player.client, askCoach.id);
}

describe('askCoach with the offline coach', () => {
  test('returns at once STREAMING; the stream over a socket adds up to the stored COMPLETE reply', async () => {
    await server.setClock('2026-06-01T09:00:00Z');
    const player = await newPlayer(server.graphqlUrl, { displayName: 'Ada' });
    const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: '  How do I start?  ' } });
    expect(askCoach).toMatchObject({ role: 'assistant', status: 'STREAMING', provider: 'offline', content: '' });
    const { chunks, errors } = await followSocket(server, player.client.accessToken, askCoach.id);
    expect(errors).toEqual([]);
    const last = chunks[chunks.length - 1];
    expect(last).toMatchObject({ done: true, status: 'COMPLETE' });
    expect(chunks.slice(0, -1).every((c: any) => !c.done)).toBe(true);
    const stored = await finished(player.client, askCoach.id);
    expect(joined(chunks)).toBe(stored.content);
    expect(last.content).toBe(stored.content);
    expect(stored).toMatchObject({ status: 'COMPLETE', provider: 'offline', tokensEstimated: true });
    expect(stored.tokensIn).toBeGreaterThan(20);
    expect(stored.tokensOut).toBe(Math.ceil(stored.content.length / 4));
    expect(stored.content).toContain('no streak yet');

    const { coachConversation } = await player.client.ok(CONVERSATION, { id: askCoach.conversationId });
    expect(coachConversation.messages.map((m: any) => [m.role, m.status])).toEqual([
      ['user', 'COMPLETE'],
      ['assistant', 'COMPLETE'],
    ]);
    expect(coachConversation.messages[0].content).toBe('How do I start?');

    const stranger = await newPlayer(server.graphqlUrl);
    await stranger.client.fails('FORBIDDEN', CONVERSATION, { id: askCoach.conversationId });
    await stranger.client.fails('FORBIDDEN', ASK_COACH, { input: { message: 'hi', conversationId: askCoach.conversationId } });
    const theirs = await followSocket(server, stranger.client.accessToken, askCoach.id);
    expect(theirs.chunks).toEqual([]);
    expect(theirs.errors[0]?.extensions?.code ?? (theirs.sub.error as any)?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('advice follows the game state: no streak, a broken streak, low energy, a finished day', async () => {
    await server.setClock(at('2026-06-10'));
    const player = await newPlayer(server.graphqlUrl);
    await player.client.ok(SET_INTENTION, { input: { text: 'Write the launch post', targetSprints: 2 } });
    await player.client.ok(CHECK_IN);
    await server.setClock(at('2026-06-11'));
    await player.client.ok(CHECK_IN);
    const active = await advice(player);
    expect(active.content).toContain("You're on a 2-day streak");
    expect(active.content).toContain('"Write the launch post" was left unfinished on 2026-06-10');

    await server.setClock(at('2026-06-14'));
    expect((await gameState(player.client)).streak.status).toBe('BROKEN');
    const broken = await advice(player, 'I feel lazy');
    expect(broken.content).toContain('streak is broken (last check-in 2026-06-11)');
    expect(broken.content).toContain('Start the recovery quest');
    expect(broken.content).toContain('Motivation follows action');
    expect(broken.content).not.toBe(active.content);

    await player.client.ok(CHECK_IN);
    await server.app.db.query('UPDATE characters SET energy = 5, fatigue = 80 WHERE user_id = $1', [player.id]);
    const tired = await advice(player);
    expect(tired.content).toContain('Energy is 5: too low to start a sprint');
    expect(tired.content).toContain('Fatigue is high (80/100)');
    expect(tired.content).toContain("You haven't set today's intention");

    await player.client.ok(SET_INTENTION, { input: { text: 'Ship the pricing page' } });
    await player.client.ok(COMPLETE_INTENTION);
    const done = await advice(player);
    expect(done.content).toContain('Today is done: you checked in and finished "Ship the pricing page"');
    expect(done.content).not.toContain('Energy is');
  });

  test('a late subscriber gets the text so far as one chunk, then the rest; after the end, one final chunk', async () => {
    await server.setClock('2026-06-20T09:00:00Z');
    const player = await newPlayer(server.graphqlUrl);
    await player.client.ok(CHECK_IN);
    await server.app.db.query('UPDATE characters SET energy = 20, fatigue = 75 WHERE user_id = $1', [player.id]);
    const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: 'How do I plan and focus today?' } });
    await eventually(async () => (await message(player.client, askCoach.id)).content.split(' ').length >= 6, {
      everyMs: 20,
      what: 'six words streamed',
    });
    const late = await followSocket(server, player.client.accessToken, askCoach.id);
    const stored = await finished(player.client, askCoach.id);
    expect(late.chunks[0].seq).toBeGreaterThan(0);
    expect(late.chunks[0].delta.split(' ').length).toBeGreaterThanOrEqual(6);
    expect(late.chunks.length).toBeGreaterThan(2);
    expect(joined(late.chunks)).toBe(stored.content);

    const after = await followSocket(server, player.client.accessToken, askCoach.id);
    expect(after.chunks).toEqual([
      {
        messageId: askCoach.id,
        seq: expect.any(Number),
        delta: stored.content,
        done: true,
        content: stored.content,
        status: 'COMPLETE',
        error: null,
      },
    ]);
  });

  test('two conversations of one user stream at once without mixing; a conversation continues with its id', async () => {
    await server.setClock('2026-06-21T09:00:00Z');
    const player = await newPlayer(server.graphqlUrl);
    const [a, b] = await Promise.all([
      player.client.ok(ASK_COACH, { input: { message: 'I cannot focus' } }),
      player.client.ok(ASK_COACH, { input: { message: 'I am so tired' } }),
    ]);
    expect(a.askCoach.conversationId).not.toBe(b.askCoach.conversationId);
    const [sa, sb] = await Promise.all([followService(server, player.id, a.askCoach.id), followService(server, player.id, b.askCoach.id)]);
    const [ma, mb] = await Promise.all([finished(player.client, a.askCoach.id), finished(player.client, b.askCoach.id)]);
    expect(joined(sa)).toBe(ma.content);
    expect(joined(sb)).toBe(mb.content);
    expect(ma.content).toContain('One tab, phone in another room');
    expect(mb.content).toContain('Treat rest as a scheduled block');
    expect(sa.every((c) => c.messageId === a.askCoach.id) && sb.every((c) => c.messageId === b.askCoach.id)).toBe(true);

    const { askCoach: again } = await player.client.ok(ASK_COACH, {
      input: { message: 'And after that?', conversationId: a.askCoach.conversationId },
    });
    expect(again.conversationId).toBe(a.askCoach.conversationId);
    await finished(player.client, again.id);
    const { coachConversation } = await player.client.ok(CONVERSATION, { id: a.askCoach.conversationId });
    expect(coachConversation.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  test('the owner cancels a stream: the text so far is kept, the reply ends CANCELLED, subscribers get a last chunk', async () => {
    await server.setClock('2026-06-22T09:00:00Z');
    const player = await newPlayer(server.graphqlUrl);
    const stranger = await newPlayer(server.graphqlUrl);
    const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: 'What should I plan?' } });
    const following = followService(server, player.id, askCoach.id);
    await eventually(async () => (await message(player.client, askCoach.id)).content.length > 0, {
      timeoutMs: 5000,
      everyMs: 5,
      what: 'a first token',
    });
    await stranger.client.fails('FORBIDDEN', CANCEL, { id: askCoach.id });
    const { cancelCoachMessage } = await player.client.ok(CANCEL, { id: askCoach.id });
    expect(cancelCoachMessage.status).toBe('CANCELLED');
    expect(cancelCoachMessage.content.length).toBeGreaterThan(0);
    const chunks = await following;
    expect(chunks[chunks.length - 1]).toMatchObject({ done: true, status: 'CANCELLED', content: cancelCoachMessage.content });
    expect(joined(chunks)).toBe(cancelCoachMessage.content);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await message(player.client, askCoach.id)).content).toBe(cancelCoachMessage.content);
    // Cancelling a finished reply changes nothing.
    expect((await player.client.ok(CANCEL, { id: askCoach.id })).cancelCoachMessage.status).toBe('CANCELLED');
  });

  test('a message longer than the limit is refused with the field; an empty one too', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const tooLong = await player.client.fails('BAD_USER_INPUT', ASK_COACH, { input: { message: 'x'.repeat(2001) } });
    expect(tooLong.extensions?.field).toBe('input.message');
    const empty = await player.client.fails('BAD_USER_INPUT', ASK_COACH, { input: { message: '   ' } });
    expect(empty.extensions?.field).toBe('input.message');
  });
});

describe('onboarding', () => {
  test('vision → goals → first intention → done, stored at each step and resumable', async () => {
    await server.setClock('2026-07-01T08:00:00Z');
    const player = await newPlayer(server.graphqlUrl);
    expect((await player.client.ok(ONBOARDING)).onboarding).toBeNull();
    await player.client.fails('BAD_USER_INPUT', ANSWER_ONBOARDING, { answer: 'too early' });
    const start = (await player.client.ok(START_ONBOARDING)).startOnboarding;
    expect(start).toMatchObject({ step: 'VISION', vision: null, goals: [], intention: null, completedAt: null });
    expect(start.question).toContain('a year from now');

    const goals = (await player.client.ok(ANSWER_ONBOARDING, { answer: 'Run my own profitable design studio' })).answerOnboarding;
    expect(goals).toMatchObject({ step: 'GOALS', vision: 'Run my own profitable design studio' });
    expect(goals.question).toContain('Run my own profitable design studio');

    // A disconnect: starting again resumes where it stood.
    expect((await player.client.ok(START_ONBOARDING)).startOnboarding).toEqual(goals);
    expect((await player.client.ok(ONBOARDING)).onboarding).toEqual(goals);

    const tooMany = await player.client.fails('BAD_USER_INPUT', ANSWER_ONBOARDING, { answer: 'one goal\ntwo goal\nthree goal\nfour goal' });
    expect(tooMany.extensions?.field).toBe('answer');
    const intention = (await player.client.ok(ANSWER_ONBOARDING, { answer: '- Land 3 clients\n- Build a portfolio site' }))
      .answerOnboarding;
    expect(intention).toMatchObject({ step: 'INTENTION', goals: ['Land 3 clients', 'Build a portfolio site'] });
    expect(intention.question).toContain('"Land 3 clients"');

    const done = (await player.client.ok(ANSWER_ONBOARDING, { answer: 'Email five past clients' })).answerOnboarding;
    expect(done).toMatchObject({ step: 'DONE', intention: { text: 'Email five past clients', status: 'PENDING' } });
    expect(done.completedAt).not.toBeNull();
    expect((await gameState(player.client)).todayIntention?.text).toBe('Email five past clients');
    await player.client.fails('ONBOARDING_FINISHED', ANSWER_ONBOARDING, { answer: 'again' });

    const { coachConversation } = await player.client.ok(CONVERSATION, { id: done.conversationId });
    expect(coachConversation.kind).toBe('ONBOARDING');
    expect(coachConversation.messages.map((m: any) => m.role)).toEqual([
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });
});

describe('roadmaps with the offline coach', () => {
  test('a template roadmap is stored; tasks complete and uncomplete for XP through the ledger', async () => {
    await server.setClock('2026-07-02T08:00:00Z');
    const player = await newPlayer(server.graphqlUrl);
    const bad = await player.client.raw(GENERATE, { input: { goal: 'Learn Rust', durationWeeks: 53, hoursPerDay: 1 } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const { generateRoadmap: roadmap } = await player.client.ok(GENERATE, {
      input: { goal: 'Learn Rust', durationWeeks: 4, hoursPerDay: 1.5, level: 'BEGINNER' },
    });
    expect(roadmap).toMatchObject({
      goal: 'Learn Rust',
      durationWeeks: 4,
      hoursPerDay: 1.5,
      level: 'BEGINNER',
      provider: 'offline',
      tasksCompleted: 0,
    });
    expect(roadmap.weeks.map((w: any) => w.week)).toEqual([1, 2, 3, 4]);
    expect(roadmap.weeks[0].theme).toContain('Foundations');
    expect(roadmap.weeks[3].days[4].tasks[0].category).toBe('SHIP');
    const day = roadmap.weeks[0].days[0];
    expect(day.tasks.reduce((sum: number, t: any) => sum + t.effortMinutes, 0)).toBe(90);
    expect(roadmap.tasksTotal).toBe(roadmap.weeks.flatMap((w: any) => w.days.flatMap((d: any) => d.tasks)).length);

    const task = day.tasks[0];
    const done = (await player.client.ok(COMPLETE_TASK, { id: task.id })).completeRoadmapTask;
    expect(done.xpGained).toBe(10 + Math.floor(task.effortMinutes / 15));
    expect(done.task).toMatchObject({ completed: true, xpAwarded: done.xpGained });
    await player.client.fails('TASK_ALREADY_COMPLETED', COMPLETE_TASK, { id: task.id });
    const stranger = await newPlayer(server.graphqlUrl);
    await stranger.client.fails('NOT_FOUND', COMPLETE_TASK, { id: task.id });

    const undone = (await player.client.ok(UNCOMPLETE_TASK, { id: task.id })).uncompleteRoadmapTask;
    expect(undone.xpGained).toBe(-done.xpGained);
    expect(undone.gameState.xp).toBe(0);
    await player.client.fails('TASK_NOT_COMPLETED', UNCOMPLETE_TASK, { id: task.id });
    await player.client.ok(COMPLETE_TASK, { id: task.id });
    const rows = await server.app.db.query<{ amount: number; source: string }>(
      'SELECT amount, source FROM xp_ledger WHERE user_id = $1 ORDER BY id',
      [player.id],
    );
    expect(rows.map((r) => [r.source, r.amount])).toEqual([
      ['ROADMAP_TASK', done.xpGained],
      ['ROADMAP_TASK_UNDONE', -done.xpGained],
      ['ROADMAP_TASK', done.xpGained],
    ]);
    expect(await ledgerTotal(server, player.id)).toBe((await gameState(player.client)).xp);

    const { askRoadmapAssistant } = await player.client.ok(ASK_ROADMAP, {
      input: { roadmapId: roadmap.id, week: 1, day: 1, question: 'I am stuck, this is hard' },
    });
    const chunks = await followService(server, player.id, askRoadmapAssistant.id);
    const answer = await finished(player.client, askRoadmapAssistant.id);
    expect(joined(chunks)).toBe(answer.content);
    expect(answer.content).toContain('Week 1, day 1 (Foundations: Learn Rust) has 2 tasks');
    expect(answer.content).toContain('1 done');
    expect(answer.content).toContain('Cut the task in half');
    const wrongDay = await player.client.fails('BAD_USER_INPUT', ASK_ROADMAP, {
      input: { roadmapId: roadmap.id, week: 9, question: 'hm?' },
    });
    expect(wrongDay.extensions?.field).toBe('input.week');
    await stranger.client.fails('FORBIDDEN', ASK_ROADMAP, { input: { roadmapId: roadmap.id, question: 'mine?' } });
  });
});

describe('mentor copilot and recovery prompts', () => {
  test("an active mentor asks about a mentee and reads the mentee's coach conversations read-only", async () => {
    await server.setClock(at('2026-07-10'));
    const mentor = await newPlayer(server.graphqlUrl, { displayName: 'Mentor' });
    const mentee = await newPlayer(server.graphqlUrl, { displayName: 'Grace' });
    const stranger = await newPlayer(server.graphqlUrl);
    await mentee.client.ok(CHECK_IN, { input: { mood: 2, note: 'Rough week, client churned' } });
    await server.setClock(at('2026-07-12'));
    await linkMentor(mentor, mentee);

    await stranger.client.fails('FORBIDDEN', ASK_MENTOR, { input: { menteeId: mentee.id, question: 'How is Grace doing?' } });
    const { askMentorCopilot } = await mentor.client.ok(ASK_MENTOR, { input: { menteeId: mentee.id, question: 'Should I be worried?' } });
    const reply = await finished(mentor.client, askMentorCopilot.id);
    expect(reply.content).toContain('Grace checked in on 14% of the last 7 days');
    expect(reply.content).toContain('Rough week, client churned');
    expect(reply.content).toContain('Missed check-ins in the last two weeks: 2026-07-11');
    expect(reply.content).toContain('Risk: real');
    await mentee.client.fails('FORBIDDEN', CONVERSATION, { id: askMentorCopilot.conversationId });

    const { askCoach } = await mentee.client.ok(ASK_COACH, { input: { message: 'Help me restart' } });
    const seen = await followSocket(server, mentor.client.accessToken, askCoach.id);
    const stored = await finished(mentee.client, askCoach.id);
    expect(joined(seen.chunks)).toBe(stored.content);
    const { coachConversation } = await mentor.client.ok(CONVERSATION, { id: askCoach.conversationId });
    expect(coachConversation.messages).toHaveLength(2);
    await mentor.client.fails('FORBIDDEN', CANCEL, { id: askCoach.id });
    await mentor.client.fails('FORBIDDEN', ASK_COACH, { input: { message: 'hi', conversationId: askCoach.conversationId } });
  });

  test('the recovery quest prompt is written by the coach from what was missed', async () => {
    await server.setClock(at('2026-08-01'));
    const player = await newPlayer(server.graphqlUrl);
    for (const day of ['2026-08-01', '2026-08-02', '2026-08-03']) {
      await server.setClock(at(day));
      await player.client.ok(CHECK_IN);
    }
    await player.client.ok(SET_INTENTION, { input: { text: 'Record the demo video' } });
    await server.setClock(at('2026-08-06'));
    const { startRecoveryQuest } = await player.client.ok(START_RECOVERY);
    expect(startRecoveryQuest.prompt).toBe(
      'You had your best run yet (3 days), then missed 2 days with "Record the demo video" left unfinished. What got in the way, and what one change protects the next week?',
    );
  });
});
