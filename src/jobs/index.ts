import type { DataSource } from 'typeorm';

import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { anonymousScope } from '../lib/scope';
import type { DayCloseService } from '../services/day-close.service';
import { defineDayCloseBatchJob } from './day-close-batch.job';
import { defineDayClosePlanJob } from './day-close-plan.job';
import { JobEngine, type KindOptions } from './job-engine';

/** The job engine of this instance, from the configuration (driven by POST /test/clock under TEST_CLOCK=1). */
export function createJobEngine(config: Config, dataSource: DataSource, clock: Clock, log: Logger): JobEngine {
  return new JobEngine({
    dataSource,
    databaseUrl: config.databaseUrl,
    clock,
    log,
    driven: config.testClock,
    work: config.jobs.workers > 0,
    pollingSeconds: config.jobs.pollSeconds,
    maintenanceSeconds: config.jobs.maintenanceSeconds,
  });
}

/** Registers every job kind with its handler. */
export function defineJobs(engine: JobEngine, deps: { dayClose: DayCloseService }, config: Config, clock: Clock, log: Logger): void {
  const scope = anonymousScope(clock, log.child({ component: 'jobs' }));
  const options: KindOptions = {
    workers: config.jobs.workers,
    retryLimit: 5,
    retryDelaySeconds: config.jobs.retryDelaySeconds,
    expireInSeconds: config.jobs.expireSeconds,
  };
  defineDayClosePlanJob(engine, deps.dayClose, scope, { ...options, workers: Math.min(1, options.workers) });
  defineDayCloseBatchJob(engine, deps.dayClose, scope, options);
}
