import express, { Router } from 'express';
import { z } from 'zod';

import type { JobEngine } from '../jobs/job-engine';
import type { TestClock } from '../lib/clock';

const body = z.union([
  z.object({ now: z.string().datetime({ offset: true }) }).strict(),
  z.object({ advanceSeconds: z.number().finite() }).strict(),
]);

/**
 * POST /test/clock — moves the test clock (only mounted with TEST_CLOCK=1), then runs every job due
 * up to the new instant, in due order, before it answers `{now, jobsRun}`.
 */
export function testClockRouter(clock: TestClock, jobs: JobEngine): Router {
  const router = Router();
  router.post('/test/clock', express.json({ limit: '1kb' }), async (req, res) => {
    const parsed = body.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Send {"now":"<ISO-8601>"} or {"advanceSeconds":N}.' });
      return;
    }
    const now = 'now' in parsed.data ? clock.set(new Date(parsed.data.now)) : clock.advance(parsed.data.advanceSeconds);
    const jobsRun = await jobs.runDue(now);
    res.json({ now: now.toISOString(), jobsRun });
  });
  router.get('/test/clock', (_req, res) => {
    res.json({ now: clock.now().toISOString() });
  });
  return router;
}
