import Redis, { type RedisOptions } from 'ioredis';

import type { Logger } from '../lib/logger';

/** Connecting gives up after this long; the retry below then tries again. */
const CONNECT_TIMEOUT_MS = 2_000;
const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 2_000;

/**
 * The one reconnect policy: 50 ms doubling up to a 2 s cap, forever, so Redis coming back is always
 * picked up and an outage costs at most one attempt every 2 s.
 */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempt, 10), MAX_RETRY_MS);
}

/** What a connection does with a command sent while Redis is unreachable. */
const POLICIES = {
  /** Refuses at once (the caller falls back or retries): publishes, rate-limit counts. */
  'fail-fast': { enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true },
  /** Waits for one reconnect attempt, then fails: a short blip is survived, an outage is not waited out. */
  'one-retry': { maxRetriesPerRequest: 1, enableAutoPipelining: true },
  /** Waits as long as it takes and resubscribes (a connection in subscriber mode runs no other command). */
  subscriber: { maxRetriesPerRequest: null },
} satisfies Record<string, RedisOptions>;

export type RedisPolicy = keyof typeof POLICIES;

/**
 * A Redis connection with the shared reconnect policy, named in CLIENT LIST (`xecution:<name>`), that
 * logs its errors instead of leaving them unhandled.
 */
export function createRedisConnection(url: string, name: string, policy: RedisPolicy, log: Logger): Redis {
  const client = new Redis(url, {
    ...POLICIES[policy],
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: reconnectDelayMs,
    connectionName: `xecution:${name}`,
  });
  client.on('error', (err: Error) => log.warn({ redis: name, err: err.message }, 'redis error'));
  return client;
}

/**
 * The Redis connections of one instance (REDIS_URL), opened on first use and closed together:
 * `commands` is shared by every fail-fast user (event publishes, HTTP and coach rate limits);
 * `subscriber` carries the event subscriptions. The coach's stream state opens its own (one-retry).
 */
export class RedisConnections {
  private commandsClient: Redis | null = null;
  private subscriberClient: Redis | null = null;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  get commands(): Redis {
    this.commandsClient ??= createRedisConnection(this.url, 'commands', 'fail-fast', this.log);
    return this.commandsClient;
  }

  get subscriber(): Redis {
    this.subscriberClient ??= createRedisConnection(this.url, 'subscriber', 'subscriber', this.log);
    return this.subscriberClient;
  }

  async close(): Promise<void> {
    const open = [this.commandsClient, this.subscriberClient].filter((client): client is Redis => client !== null);
    await Promise.all(open.map((client) => client.quit().catch(() => client.disconnect())));
  }
}
