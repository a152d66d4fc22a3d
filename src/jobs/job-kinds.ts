import type { LocalDate } from '../lib/local-day';

/** Every kind of job with its data (one pg-boss queue each). Other kinds are added here. */
export interface JobKinds {
  /** Plans the close of local day `date` in `zone`: one batch job per slice of that zone's users. */
  'day-close-plan': { zone: string; date: LocalDate };
  /** Closes local day `date` (and earlier unclosed days, ≤ 7 back) for these users of `zone`. */
  'day-close-batch': { zone: string; date: LocalDate; userIds: string[] };
}

export type JobKind = keyof JobKinds;

/** What a handler gets: its data, when it was due on the app's clock, and its singleton key. */
export interface JobRun<K extends JobKind> {
  id: string;
  kind: K;
  data: JobKinds[K];
  dueAt: Date;
  key: string;
}

/** A job as stored in pg-boss: the app-clock due instant and the key travel with the data. */
export interface StoredJob<K extends JobKind = JobKind> {
  dueAt: string;
  key: string;
  data: JobKinds[K];
}
