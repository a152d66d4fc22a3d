import type Redis from 'ioredis';
import type { Result } from 'ioredis';

import type { Logger } from '../../lib/logger';
import { createRedisConnection } from '../../redis/connections';
import {
  type AppendResult,
  ENDED_TTL_MS,
  type EndResult,
  OPEN_TTL_MS,
  type StreamOutcome,
  type StreamSnapshot,
  type StreamStateStore,
} from './stream-state';

// KEYS[1]: the state hash (seq, ended, status, error, finishedAt); KEYS[2]: the text so far (APPEND keeps it linear).
const OPEN = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'seq', -1, 'ended', 0)
redis.call('SET', KEYS[2], '')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 1`;

// ARGV: delta. Returns the new seq, -1 when ended, -2 when missing.
const APPEND = `
local ended = redis.call('HGET', KEYS[1], 'ended')
if not ended then return -2 end
if ended == '1' then return -1 end
redis.call('APPEND', KEYS[2], ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'seq', 1)`;

// ARGV: delta, status, error, finishedAt (ms), fallback seq, fallback content, ttl.
// Returns {endedHere, seq, content, status, error, finishedAt}.
const END = `
local ended = redis.call('HGET', KEYS[1], 'ended')
if ended == '1' then
  local h = redis.call('HMGET', KEYS[1], 'seq', 'status', 'error', 'finishedAt')
  return {0, h[1], redis.call('GET', KEYS[2]) or '', h[2], h[3], h[4]}
end
if not ended then
  redis.call('HSET', KEYS[1], 'seq', ARGV[5])
  redis.call('SET', KEYS[2], ARGV[6])
end
redis.call('APPEND', KEYS[2], ARGV[1])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'ended', 1, 'status', ARGV[2], 'error', ARGV[3], 'finishedAt', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PEXPIRE', KEYS[2], ARGV[7])
return {1, seq, redis.call('GET', KEYS[2]), ARGV[2], ARGV[3], ARGV[4]}`;

// Returns {seq, ended, content, status, error, finishedAt}, or nil without a state.
const READ = `
local h = redis.call('HMGET', KEYS[1], 'seq', 'ended', 'status', 'error', 'finishedAt')
if not h[1] then return nil end
return {h[1], h[2], redis.call('GET', KEYS[2]) or '', h[3] or '', h[4] or '', h[5] or ''}`;

type Reply = [number | string, number | string, string, string, string, string];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    coachStreamOpen(state: string, text: string, ttlMs: number): Result<number, Context>;
    coachStreamAppend(state: string, text: string, delta: string): Result<number, Context>;
    coachStreamEnd(
      state: string,
      text: string,
      delta: string,
      status: string,
      error: string,
      finishedAt: number,
      fallbackSeq: number,
      fallbackContent: string,
      ttlMs: number,
    ): Result<Reply, Context>;
    coachStreamRead(state: string, text: string): Result<Reply | null, Context>;
  }
}

/** The live state of replies in Redis (REDIS_URL), one hash and one string per reply, changed by Lua scripts only. */
export class RedisStreamState implements StreamStateStore {
  private readonly redis: Redis;

  constructor(url: string, log: Logger) {
    // Fails a command after one reconnect attempt: the relay then ends the reply FAILED rather than hang.
    this.redis = createRedisConnection(url, 'coach-stream-state', 'one-retry', log);
    this.redis.defineCommand('coachStreamOpen', { numberOfKeys: 2, lua: OPEN });
    this.redis.defineCommand('coachStreamAppend', { numberOfKeys: 2, lua: APPEND });
    this.redis.defineCommand('coachStreamEnd', { numberOfKeys: 2, lua: END });
    this.redis.defineCommand('coachStreamRead', { numberOfKeys: 2, lua: READ });
  }

  async open(messageId: string): Promise<void> {
    await this.redis.coachStreamOpen(...keys(messageId), OPEN_TTL_MS);
  }

  async append(messageId: string, delta: string): Promise<AppendResult> {
    const seq = await this.redis.coachStreamAppend(...keys(messageId), delta);
    return seq === -1 ? 'ENDED' : seq === -2 ? 'MISSING' : seq;
  }

  async end(messageId: string, delta: string, outcome: StreamOutcome, fallback: { seq: number; content: string }): Promise<EndResult> {
    const [endedHere, seq, content, status, error, finishedAt] = await this.redis.coachStreamEnd(
      ...keys(messageId),
      delta,
      outcome.status,
      outcome.error ?? '',
      outcome.finishedAt.getTime(),
      fallback.seq,
      fallback.content,
      ENDED_TTL_MS,
    );
    return {
      endedHere: Number(endedHere) === 1,
      snapshot: {
        seq: Number(seq),
        content,
        ended: { status: status as StreamOutcome['status'], error: error || null, finishedAt: new Date(Number(finishedAt)) },
      },
    };
  }

  async read(messageId: string): Promise<StreamSnapshot | null> {
    const reply = await this.redis.coachStreamRead(...keys(messageId));
    if (!reply) return null;
    const [seq, ended, content, status, error, finishedAt] = reply;
    return {
      seq: Number(seq),
      content,
      ended:
        Number(ended) === 1
          ? { status: status as StreamOutcome['status'], error: error || null, finishedAt: new Date(Number(finishedAt)) }
          : null,
    };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Both keys of a reply share a hash tag, so a cluster keeps them on one node (scripts need that). */
function keys(messageId: string): [string, string] {
  return [`coach:stream:{${messageId}}`, `coach:stream:{${messageId}}:text`];
}
