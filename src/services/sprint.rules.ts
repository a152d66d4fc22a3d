/** A sprint's planned length, in minutes (docs/rules.md, sprints). */
export const SPRINT_MIN_MINUTES = 5;
export const SPRINT_MAX_MINUTES = 180;
/** Energy a sprint needs to start. */
export const SPRINT_MIN_ENERGY = 10;

const MS_PER_MINUTE = 60_000;

/** Whole seconds a sprint started at `startedAt` still has to run at `now`: 0 once it may be completed. */
export function sprintSecondsToGo(plannedMinutes: number, startedAt: Date, now: Date): number {
  const leftMs = plannedMinutes * MS_PER_MINUTE - (now.getTime() - startedAt.getTime());
  return leftMs > 0 ? Math.ceil(leftMs / 1000) : 0;
}

/** The instant a sprint started at `startedAt` may be completed. */
export function sprintEndsAt(plannedMinutes: number, startedAt: Date): Date {
  return new Date(startedAt.getTime() + plannedMinutes * MS_PER_MINUTE);
}
