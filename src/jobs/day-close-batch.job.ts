import type { Scope } from '../lib/scope';
import type { DayCloseService } from '../services/day-close.service';
import type { JobEngine, KindOptions } from './job-engine';

/** `day-close-batch`: closes one local day (and any unclosed earlier ones) for a slice of a zone's users. */
export function defineDayCloseBatchJob(engine: JobEngine, dayClose: DayCloseService, scope: Scope, options: KindOptions): void {
  engine.define('day-close-batch', options, async ({ data }) => {
    await dayClose.closeBatch(scope, data.date, data.userIds);
  });
}
