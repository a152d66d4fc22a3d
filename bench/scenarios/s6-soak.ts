import autocannon from 'autocannon';

import { FanoutClients } from '../fanout/clients';
import { startApi } from '../lib/api-process';
import { createBenchDatabase, createPlayers, REDIS_URL, withClient } from '../lib/bench-db';
import { rssBytes } from '../lib/process-stats';
import { median, round } from '../lib/stats';

/** Players subscribed to their own gameEvents for the whole soak. */
const SUBSCRIBERS = 200;

const GAME_STATE = JSON.stringify({
  query: '{ gameState { level xp energy streak { current status } todayIntention { id } activeSprint { id } } }',
});

/**
 * S6: a mixed soak — reads, check-ins, sprints, live subscriptions and coach questions at once — for
 * `seconds`. RSS growth compares the end of the run with the peak of its first minute.
 */
export async function runS6(options: { seconds: number; env: Record<string, string> }) {
  const db = await createBenchDatabase();
  const api = await startApi({ DATABASE_URL: db.url, REDIS_URL, ...options.env }, 4751);
  const deadline = Date.now() + options.seconds * 1000;
  let errors = 0;
  let requests = 0;
  try {
    const players = await createPlayers(db.url, 4000, options.seconds + 900);
    const post = async (token: string, query: string, variables?: Record<string, unknown>) => {
      requests++;
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      if (res.status !== 200 || body.errors) {
        errors++;
        if (errors <= 5) process.stdout.write(`  S6 error: ${JSON.stringify(body.errors ?? res.status)}\n`);
      }
      return body.data;
    };
    const every = async (ms: number, work: (i: number) => Promise<unknown>) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const started = Date.now();
        await work(i);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - (Date.now() - started))));
      }
    };
    const subscribers = new FanoutClients(`${api.url.replace('http', 'ws')}/graphql`, 'graphql-ws');
    await subscribers.connect(
      players.slice(0, SUBSCRIBERS).map((p) => ({ userId: p.id, token: p.token })),
      SUBSCRIBERS,
    );
    const rss: { t: number; bytes: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => rss.push({ t: Date.now() - started, bytes: rssBytes(api.pid) }), 5000);
    let reader = 0;
    const reads = autocannon({
      url: `${api.url}/graphql`,
      connections: 8,
      duration: options.seconds,
      overallRate: 150,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({
            ...request,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${players[reader++ % players.length].token}` },
            body: GAME_STATE,
          }),
        },
      ],
    });
    await Promise.all([
      reads,
      // Every 5th check-in is a subscribed player's (each checks in once; 200 × 5 × 400 ms covers the first
      // 400 s), so live events flow to the subscribers through the soak; the rest are other players'.
      every(400, (i) =>
        post(
          (i % 5 === 0 && i / 5 < SUBSCRIBERS ? players[i / 5] : players[SUBSCRIBERS + (i % (players.length - SUBSCRIBERS))]).token,
          'mutation { checkIn(input: { mood: 3 }) { xpGained } }',
        ),
      ),
      every(500, async (i) => {
        const token = players[i % 4000].token;
        const started = await post(token, 'mutation { startSprint(input: { plannedMinutes: 25 }) { id } }');
        if (started) await post(token, 'mutation($id: ID!) { abandonSprint(id: $id) { status } }', { id: started.startSprint.id });
      }),
      every(2000, (i) =>
        post(players[i % SUBSCRIBERS].token, 'mutation($i: AskCoachInput!) { askCoach(input: $i) { id status } }', {
          i: { message: 'What should I focus on next?' },
        }),
      ),
    ]).then(([readResult]) => {
      const r = readResult;
      requests += r.requests.total;
      errors += r.errors + r.non2xx + r.timeouts;
    });
    clearInterval(sampler);
    // Every event of a subscribed player must have reached its subscriber, once.
    const subscribed = players.slice(0, SUBSCRIBERS).map((p) => p.id);
    const eventsCommitted = await withClient(db.url, async (client) =>
      Number((await client.query('SELECT count(*) AS n FROM game_events WHERE user_id = ANY($1::uuid[])', [subscribed])).rows[0].n),
    );
    for (let waited = 0; subscribers.stats.received < eventsCommitted && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await subscribers.close();
    const firstMinutePeak = Math.max(...rss.filter((s) => s.t <= 60_000).map((s) => s.bytes));
    const end = median(rss.slice(-3).map((s) => s.bytes));
    return {
      seconds: options.seconds,
      requests,
      errors,
      unexpectedDisconnects: subscribers.stats.unexpectedCloses,
      eventsCommitted,
      eventsDelivered: subscribers.stats.received,
      eventsDuplicated: subscribers.stats.duplicates,
      rssFirstMinuteMb: round(firstMinutePeak / 1024 / 1024, 0),
      rssEndMb: round(end / 1024 / 1024, 0),
      rssGrowth: round(end / firstMinutePeak - 1, 3),
    };
  } finally {
    await api.stop();
    await db.drop();
  }
}
