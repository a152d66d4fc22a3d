import { randomUUID } from 'node:crypto';

import Redis from 'ioredis';

import { RedisStreamState } from '../../src/coach/stream/redis-stream-state';
import {
  ENDED_TTL_MS,
  MemoryStreamState,
  OPEN_TTL_MS,
  type StreamOutcome,
  type StreamStateStore,
} from '../../src/coach/stream/stream-state';
import { createLogger } from '../../src/lib/logger';

const outcome = (status: StreamOutcome['status'] = 'COMPLETE', error: string | null = null): StreamOutcome => ({
  status,
  error,
  finishedAt: new Date('2026-06-01T09:00:00.123Z'),
});

/** The contract both stores keep: the relay and every instance's cancels rely on it. */
function contract(name: string, create: () => StreamStateStore) {
  describe(name, () => {
    let store: StreamStateStore;
    beforeAll(() => {
      store = create();
    });
    afterAll(() => store.close());

    test('appends take consecutive seqs; a read returns the text so far', async () => {
      const id = randomUUID();
      expect(await store.read(id)).toBeNull();
      await store.open(id);
      expect(await store.read(id)).toEqual({ seq: -1, content: '', ended: null });
      expect(await store.append(id, 'Hello ')).toBe(0);
      expect(await store.append(id, 'there, ')).toBe(1);
      expect(await store.append(id, 'friend.')).toBe(2);
      expect(await store.read(id)).toEqual({ seq: 2, content: 'Hello there, friend.', ended: null });
    });

    test('an append without a state is refused as MISSING (never started from scratch)', async () => {
      const id = randomUUID();
      expect(await store.append(id, 'lost')).toBe('MISSING');
      expect(await store.read(id)).toBeNull();
    });

    test('after the end every append is refused; a second end gets the first one’s snapshot', async () => {
      const id = randomUUID();
      await store.open(id);
      await store.append(id, 'one ');
      const first = await store.end(id, 'two', outcome('CANCELLED'), { seq: -1, content: '' });
      expect(first).toEqual({ endedHere: true, snapshot: { seq: 1, content: 'one two', ended: outcome('CANCELLED') } });
      expect(await store.append(id, 'three')).toBe('ENDED');
      const second = await store.end(id, 'four', outcome('FAILED', 'late'), { seq: 9, content: 'other' });
      expect(second).toEqual({ endedHere: false, snapshot: { seq: 1, content: 'one two', ended: outcome('CANCELLED') } });
      expect(await store.read(id)).toEqual({ seq: 1, content: 'one two', ended: outcome('CANCELLED') });
      // A relay that opens late (a cancel came first) leaves the ended state alone.
      await store.open(id);
      expect(await store.append(id, 'five')).toBe('ENDED');
    });

    test('an end without a state starts from the stored row: next seq, its text', async () => {
      const id = randomUUID();
      const ended = await store.end(id, '', outcome('FAILED', 'The coach stopped responding.'), { seq: 4, content: 'checkpoint' });
      expect(ended).toEqual({
        endedHere: true,
        snapshot: { seq: 5, content: 'checkpoint', ended: outcome('FAILED', 'The coach stopped responding.') },
      });
      await store.open(id);
      expect(await store.append(id, 'x')).toBe('ENDED');
    });

    test('concurrent appends each get a distinct seq, and the text is their deltas in seq order', async () => {
      const id = randomUUID();
      await store.open(id);
      const deltas = Array.from({ length: 300 }, (_, i) => `d${i};`);
      const seqs = (await Promise.all(deltas.map((d) => store.append(id, d)))) as number[];
      expect([...seqs].sort((a, b) => a - b)).toEqual(deltas.map((_, i) => i));
      const bySeq: string[] = [];
      seqs.forEach((seq, i) => (bySeq[seq] = deltas[i]));
      expect(await store.read(id)).toEqual({ seq: 299, content: bySeq.join(''), ended: null });
    });

    test('an end racing appends: the appends before it are in its snapshot, the ones after are refused', async () => {
      const id = randomUUID();
      await store.open(id);
      const deltas = Array.from({ length: 200 }, (_, i) => `a${i};`);
      const appends = deltas.map((d) => store.append(id, d));
      const ending = store.end(id, '[end]', outcome('CANCELLED'), { seq: -1, content: '' });
      const more = deltas.map((d) => store.append(id, `late-${d}`));
      const results = await Promise.all([...appends, ...more]);
      const { endedHere, snapshot } = await ending;
      expect(endedHere).toBe(true);
      const accepted = results.map((r, i) => [r, i < 200 ? deltas[i] : `late-${deltas[i - 200]}`] as const).filter(([r]) => r !== 'ENDED');
      expect(accepted.every(([r]) => typeof r === 'number' && r < snapshot.seq)).toBe(true);
      expect(snapshot.seq).toBe(accepted.length);
      const bySeq: string[] = [];
      for (const [seq, delta] of accepted) bySeq[seq as number] = delta;
      expect(snapshot.content).toBe(`${bySeq.join('')}[end]`);
    });
  });
}

contract('MemoryStreamState', () => new MemoryStreamState());

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('RedisStreamState on the real Redis', () => {
  contract('RedisStreamState', () => new RedisStreamState(redisUrl as string, createLogger('silent')));

  test('keys expire: an hour while streaming, minutes once ended', async () => {
    const store = new RedisStreamState(redisUrl as string, createLogger('silent'));
    const raw = new Redis(redisUrl as string);
    try {
      const id = randomUUID();
      await store.open(id);
      await store.append(id, 'text');
      for (const key of [`coach:stream:{${id}}`, `coach:stream:{${id}}:text`]) {
        const ttl = await raw.pttl(key);
        expect(ttl).toBeGreaterThan(OPEN_TTL_MS - 60_000);
        expect(ttl).toBeLessThanOrEqual(OPEN_TTL_MS);
      }
      await store.end(id, '', outcome(), { seq: -1, content: '' });
      for (const key of [`coach:stream:{${id}}`, `coach:stream:{${id}}:text`]) {
        const ttl = await raw.pttl(key);
        expect(ttl).toBeGreaterThan(ENDED_TTL_MS - 60_000);
        expect(ttl).toBeLessThanOrEqual(ENDED_TTL_MS);
      }
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  test('two clients (two instances) see one state: one appends, the other ends it, the first is refused', async () => {
    const relay = new RedisStreamState(redisUrl as string, createLogger('silent'));
    const other = new RedisStreamState(redisUrl as string, createLogger('silent'));
    try {
      const id = randomUUID();
      await relay.open(id);
      expect(await relay.append(id, 'so far ')).toBe(0);
      expect(await other.read(id)).toEqual({ seq: 0, content: 'so far ', ended: null });
      const { endedHere, snapshot } = await other.end(id, '', outcome('CANCELLED'), { seq: -1, content: '' });
      expect(endedHere).toBe(true);
      expect(snapshot).toEqual({ seq: 1, content: 'so far ', ended: outcome('CANCELLED') });
      expect(await relay.append(id, 'more')).toBe('ENDED');
      expect((await relay.end(id, 'more', outcome(), { seq: 0, content: 'so far ' })).endedHere).toBe(false);
    } finally {
      await relay.close();
      await other.close();
    }
  });
});
