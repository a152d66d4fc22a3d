import { Router } from 'express';

export interface ReadinessChecks {
  /** Resolves when the database answers; rejects or times out otherwise. */
  database(): Promise<void>;
  /** Null when Redis is not configured. */
  redis(): boolean | null;
}

const CHECK_TIMEOUT_MS = 2_000;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * GET /health/live: the process answers (restart it when this fails).
 * GET /health/ready: the database answers and, when configured, Redis is connected (route traffic here
 * only when this is 200; 503 with the failing check otherwise).
 */
export function healthRouter(checks: ReadinessChecks): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const database = await within(CHECK_TIMEOUT_MS, checks.database()).then(
      () => 'ok' as const,
      () => 'down' as const,
    );
    const redisUp = checks.redis();
    const redis = redisUp === null ? 'not configured' : redisUp ? 'ok' : 'down';
    const ready = database === 'ok' && redis !== 'down';
    res
      .status(ready ? 200 : 503)
      .setHeader('cache-control', 'no-store')
      .json({ status: ready ? 'ready' : 'not ready', checks: { database, redis } });
  });
  return router;
}
