import type { Scope } from '../lib/scope';
import type { DayCloseService } from '../services/day-close.service';
import type { JobEngine, KindOptions } from './job-engine';

/** `day-close-plan`: at the end of a zone's local day, plans that day's close (one batch job per slice of users). */
export function defineDayClosePlanJob(engine: JobEngine, dayClose: DayCloseService, scope: Scope, options: KindOptions): void {
  engine.define('day-close-plan', options, async ({ data }) => {
    await dayClose.plan(scope, data.zone, data.date);
  });
}
