import express, { Router } from 'express';
import { z } from 'zod';

import type { TestClock } from '../lib/clock';

const body = z.union([
  z.object({ now: z.string().datetime({ offset: true }) }).strict(),
  z.object({ advanceSeconds: z.number().finite() }).strict(),
]);

/** POST /test/clock — moves the test clock (only mounted with TEST_CLOCK=1). */
export function testClockRouter(clock: TestClock): Router {
  const router = Router();
  router.post('/test/clock', express.json({ limit: '1kb' }), (req, res) => {
    const parsed = body.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Send {"now":"<ISO-8601>"} or {"advanceSeconds":N}.' });
      return;
    }
    const now = 'now' in parsed.data ? clock.set(new Date(parsed.data.now)) : clock.advance(parsed.data.advanceSeconds);
    res.json({ now: now.toISOString() });
  });
  router.get('/test/clock', (_req, res) => {
    res.json({ now: clock.now().toISOString() });
  });
  return router;
}
