import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Job engine metrics: jobs due, due → started lag, completions and failures, by kind. */
export class JobMetrics {
  private readonly lag = new Histogram<'kind'>({
    name: 'xecution_job_lag_seconds',
    help: "Time from a job's due instant (app clock) to its start, by kind",
    labelNames: ['kind'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 3600],
    registers: [],
  });
  private readonly failures = new Counter<'kind'>({
    name: 'xecution_job_failures_total',
    help: 'Job runs that threw (pg-boss retries them up to their retry limit), by kind',
    labelNames: ['kind'],
    registers: [],
  });
  private readonly completions = new Counter<'kind'>({
    name: 'xecution_jobs_completed_total',
    help: 'Job runs that completed, by kind',
    labelNames: ['kind'],
    registers: [],
  });

  started(kind: string, lagMs: number): void {
    this.lag.observe({ kind }, Math.max(0, lagMs) / 1000);
  }

  completed(kind: string): void {
    this.completions.inc({ kind });
  }

  failed(kind: string): void {
    this.failures.inc({ kind });
  }

  /** Adds these metrics and the `xecution_jobs_due` gauge (read from the queue at scrape time) to `registry`. */
  register(registry: Registry, dueCounts: () => Promise<Record<string, number>>): void {
    registry.registerMetric(this.lag);
    registry.registerMetric(this.failures);
    registry.registerMetric(this.completions);
    new Gauge<'kind'>({
      name: 'xecution_jobs_due',
      help: 'Jobs waiting whose due instant has passed on the app clock, by kind',
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        this.reset();
        const counts = await dueCounts().catch(() => ({}));
        for (const [kind, n] of Object.entries(counts)) this.set({ kind }, n);
      },
    });
  }
}
