import { newPlayer, TestClient } from '../support/client';
import { ASK_COACH, CANCEL, finished, followSocket, joined, message } from '../support/coach';
import { eventually } from '../support/eventually';
import { type ChildServer, startChildServer } from '../support/processes';
import { onRealPostgres, startTestServer, type TestServer } from '../support/server';

// Two instances share one database and one Redis: this needs real PostgreSQL and Redis.
const shared = onRealPostgres && Boolean(process.env.REDIS_URL);
const describeShared = shared ? describe : describe.skip;

describeShared('the coach across two server processes on the same PostgreSQL and Redis', () => {
  const env = { COACH_OFFLINE_TOKEN_MS: '15', COACH_FLUSH_MS: '30' };
  let local: TestServer;
  let remote: ChildServer;
  beforeAll(async () => {
    local = await startTestServer(env);
    remote = await startChildServer(env);
  }, 90_000);
  afterAll(async () => {
    await remote?.terminate();
    await local?.stop();
  });

  test('a reply streamed on one instance reaches a late subscriber on the other, whole', async () => {
    const player = await newPlayer(local.graphqlUrl);
    const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: 'How do I plan and focus today?' } });
    await eventually(async () => (await message(player.client, askCoach.id)).content.length > 0, { everyMs: 20, what: 'a first token' });
    const { chunks } = await followSocket(remote, player.client.accessToken, askCoach.id);
    const stored = await finished(player.client, askCoach.id);
    expect(stored.status).toBe('COMPLETE');
    expect(chunks.length).toBeGreaterThan(1);
    expect(joined(chunks)).toBe(stored.content);
  });

  test('a cancel sent to the other instance ends the stream CANCELLED there and stops the relay here', async () => {
    const player = await newPlayer(local.graphqlUrl);
    const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: 'What should I plan?' } });
    // A subscriber on the relay's instance, and one on the instance that handles the cancel.
    const here = followSocket(local, player.client.accessToken, askCoach.id);
    const there = followSocket(remote, player.client.accessToken, askCoach.id);
    await eventually(async () => (await message(player.client, askCoach.id)).content.length > 0, {
      timeoutMs: 5000,
      everyMs: 5,
      what: 'a first token',
    });
    const onRemote = new TestClient(`${remote.url}/graphql`, player.client.accessToken);
    const { cancelCoachMessage } = await onRemote.ok(CANCEL, { id: askCoach.id });
    expect(cancelCoachMessage.status).toBe('CANCELLED');
    expect(cancelCoachMessage.content.length).toBeGreaterThan(0);
    for (const { chunks } of [await here, await there]) {
      const last = chunks[chunks.length - 1];
      expect(last).toMatchObject({ done: true, status: 'CANCELLED', delta: '', content: cancelCoachMessage.content });
      expect(joined(chunks)).toBe(cancelCoachMessage.content);
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stored = await message(player.client, askCoach.id);
    expect(stored).toMatchObject({ status: 'CANCELLED', content: cancelCoachMessage.content });
    const [row] = await local.app.db.query<{ content: string; seq: number }>('SELECT content, seq FROM coach_messages WHERE id = $1', [
      askCoach.id,
    ]);
    expect(row.content).toBe(cancelCoachMessage.content);
    expect(row.seq).toBe((await here).chunks.at(-1).seq);
  });
});
