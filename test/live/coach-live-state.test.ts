import { newPlayer } from '../support/client';
import { ASK_COACH, finished, followService, followSocket, joined, message } from '../support/coach';
import { eventually } from '../support/eventually';
import { startTestServer, type TestServer } from '../support/server';

/** The stored row, straight from the database (not the API's view, which overlays the live state). */
async function storedRow(server: TestServer, id: string): Promise<{ status: string; content: string; seq: number; error: string | null }> {
  const [row] = await server.app.db.query<{ status: string; content: string; seq: number; error: string | null }>(
    'SELECT status, content, seq, error FROM coach_messages WHERE id = $1',
    [id],
  );
  return row;
}

describe('a streaming reply lives in the stream state; PostgreSQL gets checkpoints', () => {
  let server: TestServer;
  beforeAll(async () => {
    // No checkpoint during the reply: whatever a reader gets mid-stream comes from the live state.
    server = await startTestServer({ COACH_OFFLINE_TOKEN_MS: '8', COACH_FLUSH_MS: '30', COACH_CHECKPOINT_MS: '60000' });
  });
  afterAll(() => server.stop());

  test('a late subscriber gets the live text so far (ahead of the stored row), then the rest, without gap or duplicate', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: 'How do I plan and focus today?' } });
    await eventually(async () => (await message(player.client, askCoach.id)).content.split(' ').length >= 6, {
      timeoutMs: 5000,
      everyMs: 5,
      what: 'six words streamed',
    });
    expect(await storedRow(server, askCoach.id)).toMatchObject({ status: 'STREAMING', content: '', seq: -1 });
    const late = await followSocket(server, player.client.accessToken, askCoach.id);
    const stored = await finished(player.client, askCoach.id);
    expect(late.chunks[0].seq).toBeGreaterThan(0);
    expect(late.chunks[0].delta.split(' ').length).toBeGreaterThanOrEqual(6);
    expect(late.chunks.length).toBeGreaterThan(2);
    expect(joined(late.chunks)).toBe(stored.content);
    expect(await storedRow(server, askCoach.id)).toMatchObject({ status: 'COMPLETE', content: stored.content });
    expect((await storedRow(server, askCoach.id)).seq).toBe(late.chunks[late.chunks.length - 1].seq);
  });
});

describe('checkpoints, and replies whose relay died', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      COACH_OFFLINE_TOKEN_MS: '10',
      COACH_FLUSH_MS: '20',
      COACH_CHECKPOINT_MS: '100',
      COACH_TIMEOUT_MS: '2500',
    });
  });
  afterAll(() => server.stop());

  test('a checkpoint of the text so far reaches PostgreSQL while the reply streams', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const { askCoach } = await player.client.ok(ASK_COACH, { input: { message: 'How do I plan and focus today?' } });
    let checkpoint = { status: 'STREAMING', content: '', seq: -1 };
    await eventually(
      async () => {
        checkpoint = await storedRow(server, askCoach.id);
        return checkpoint.status !== 'STREAMING' || checkpoint.content.length > 0;
      },
      { timeoutMs: 5000, everyMs: 5, what: 'a checkpoint' },
    );
    expect(checkpoint.status).toBe('STREAMING');
    expect(checkpoint.seq).toBeGreaterThanOrEqual(0);
    const stored = await finished(player.client, askCoach.id);
    expect(stored.status).toBe('COMPLETE');
    expect(stored.content.startsWith(checkpoint.content)).toBe(true);
    expect(stored.content.length).toBeGreaterThan(checkpoint.content.length);
  });

  test('a reply whose relay died is ended FAILED by a waiting subscriber, with the live text (or the checkpoint without one)', async () => {
    const player = await newPlayer(server.graphqlUrl);
    const streams = server.app.services.coachStreams;
    const [conversation] = await server.app.db.query<{ id: string }>(
      `INSERT INTO coach_conversations (user_id, kind, created_at) VALUES ($1, 'CHAT', now()) RETURNING id`,
      [player.id],
    );
    const orphan = async (content: string, seq: number) => {
      const [row] = await server.app.db.query<{ id: string }>(
        `INSERT INTO coach_messages (conversation_id, user_id, role, content, status, provider, seq, created_at)
         VALUES ($1, $2, 'assistant', $3, 'STREAMING', 'offline', $4, now()) RETURNING id`,
        [conversation.id, player.id, content, seq],
      );
      return row.id;
    };
    // One relay got two chunks into the live state (the row has no checkpoint yet), then its instance died.
    const live = await orphan('', -1);
    await streams.open(live);
    await streams.append(live, 'Half an ');
    await streams.append(live, 'answer.');
    // Another left only a checkpoint: its live state is gone too.
    const checkpointed = await orphan('Checkpointed ', 3);

    const [liveChunks, checkpointedChunks] = await Promise.all([
      followService(server, player.id, live, 15_000),
      followService(server, player.id, checkpointed, 15_000),
    ]);
    const failed = { done: true, status: 'FAILED', error: 'The coach stopped responding.' };
    expect(liveChunks).toEqual([
      { messageId: live, seq: 1, delta: 'Half an answer.', done: false, status: 'STREAMING' },
      expect.objectContaining({ ...failed, seq: 2, delta: '', content: 'Half an answer.' }),
    ]);
    expect(checkpointedChunks).toEqual([
      { messageId: checkpointed, seq: 3, delta: 'Checkpointed ', done: false, status: 'STREAMING' },
      expect.objectContaining({ ...failed, seq: 4, delta: '', content: 'Checkpointed ' }),
    ]);
    expect(await storedRow(server, live)).toEqual({ status: 'FAILED', content: 'Half an answer.', seq: 2, error: failed.error });
    expect(await storedRow(server, checkpointed)).toEqual({ status: 'FAILED', content: 'Checkpointed ', seq: 4, error: failed.error });
    expect(await streams.append(live, 'too late')).toBe('ENDED');
  }, 20_000);
});
