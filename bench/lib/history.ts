import { startApi } from './api-process';

interface Caller {
  (query: string, variables?: Record<string, unknown>): Promise<any>;
}

function caller(url: string, token?: string): Caller {
  return async (query, variables) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

/**
 * A player with `days` days of realistic history, played through the API with the test clock (so every
 * rule, ledger row and event is real): check-in, intention, a 25-minute sprint, most days. Ends today.
 */
export async function playerWithHistory(
  dbUrl: string,
  days: number,
  port: number,
): Promise<{ id: string; email: string; password: string }> {
  const api = await startApi({ DATABASE_URL: dbUrl, NODE_ENV: 'test', TEST_CLOCK: '1' }, port);
  try {
    const email = `history-${Date.now()}@example.test`;
    const password = 'correct horse battery';
    const anon = caller(api.url);
    const { register } = await anon('mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }', {
      i: { email, password, displayName: 'Ninety Days', timezone: 'Europe/Paris' },
    });
    const call = caller(api.url, register.accessToken);
    const clock = (now: string) =>
      fetch(`${api.url}/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });
    const start = Date.now() - days * 86_400_000;
    for (let day = 0; day < days; day++) {
      if (day % 9 === 4) continue; // a missed day now and then
      const morning = new Date(start + day * 86_400_000);
      morning.setUTCHours(7, 0, 0, 0);
      await clock(morning.toISOString());
      await call('mutation { checkIn(input: { mood: 4 }) { xpGained } }');
      await call('mutation { setDailyIntention(input: { text: "Ship the next small thing" }) { id } }');
      const { startSprint } = await call('mutation { startSprint(input: { plannedMinutes: 25 }) { id } }');
      await clock(new Date(morning.getTime() + 30 * 60_000).toISOString());
      await call('mutation($id: ID!) { completeSprint(id: $id) { xpGained } }', { id: startSprint.id });
      if (day % 3 !== 0) await call('mutation { completeDailyIntention { xpGained } }');
    }
    return { id: register.user.id as string, email, password };
  } finally {
    await api.stop();
  }
}
