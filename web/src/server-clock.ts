/**
 * The server's notion of now. With TEST_CLOCK=1 the API's clock can differ from the browser's
 * (GET /test/clock says by how much); otherwise they agree.
 */
let offsetMs = 0;
let testClock: boolean | null = null;

/** Re-reads the test clock, if this server has one (asked once; the route exists or not for the server's life). */
export async function syncServerClock(): Promise<void> {
  if (testClock === false) return;
  try {
    const before = Date.now();
    const res = await fetch('/test/clock');
    if (!res.ok) {
      testClock = false;
      return;
    }
    const { now } = (await res.json()) as { now: string };
    testClock = true;
    offsetMs = Date.parse(now) - (before + Date.now()) / 2;
  } catch {
    // Server unreachable: keep the last offset.
  }
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}
