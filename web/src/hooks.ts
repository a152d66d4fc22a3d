import { useCallback, useEffect, useState } from 'preact/hooks';

import { ApiError } from './api';
import { serverNow } from './server-clock';

/** Runs one user action at a time and keeps the API's error message to show next to it. */
export function useAction(): { run: (action: () => Promise<unknown>) => Promise<void>; busy: boolean; error: string | null } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error };
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.unavailable ? `Not available on this server yet (${error.message})` : error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The server's now, ticking every second. */
export function useNow(): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(serverNow()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
