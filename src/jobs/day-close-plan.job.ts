import { Session } from '../auth/session';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { Scope } from '../lib/scope';
import type { DayCloseService } from '../services/day-close.service';
import type { JobEngine, KindOptions } from './job-engine';

/** The scope of work the app does for no one in particular (a batch over many users). */
export function systemScope(clock: Clock, log: Logger): Scope {
  return { session: Session.anonymous(), clock, log };
}

/** `day-close-plan`: at the end of a zone's local day, plans that day's close (one batch job per slice of users). */
export function defineDayClosePlanJob(engine: JobEngine, dayClose: DayCloseService, scope: Scope, options: KindOptions): void {
  engine.define('day-close-plan', options, async ({ data }) => {
    await dayClose.plan(scope, data.zone, data.date);
  });
}
