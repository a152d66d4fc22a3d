export interface PollOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between checks (default 100 ms). */
  everyMs?: number;
  /** What is awaited, for the failure message. */
  what?: string;
}

/**
 * The one poller of the test suite: calls `check` until it returns true, pausing `everyMs` between calls,
 * and fails naming `what` once `timeoutMs` has passed. An exception thrown by `check` ends the wait at once.
 */
export async function eventually(check: () => boolean | Promise<boolean>, options: PollOptions = {}): Promise<void> {
  const { timeoutMs = 10_000, everyMs = 100, what = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
