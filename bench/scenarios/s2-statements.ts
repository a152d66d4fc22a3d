import { randomUUID } from 'node:crypto';

import { type ApiProcess, startApi } from '../lib/api-process';
import { createBenchDatabase } from '../lib/bench-db';

const GAME_STATE_FIELDS = `today level xp xpIntoLevel xpToNextLevel energy fatigue loyalty checkedInToday
  stats { clarity discipline resilience } streak { current longest graceDays status lastCheckInDate expiresAt }
  todayIntention { id text status } activeSprint { id } recoveryQuest { id status }
  achievements { achievement { code } unlockedAt claimedAt } inventory { tool { code } quantity }`;

const MENTEES = `{ mentees { risk adherence7 adherence30 currentStreak longestStreak daysSinceLastCheckIn
  user { id displayName checkIns(first: 5) { edges { node { date mood } } pageInfo { hasNextPage endCursor } } }
  gameState { ${GAME_STATE_FIELDS} } } }`;

async function call(api: ApiProcess, query: string, token?: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[]; extensions?: { sqlStatements?: number } };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

async function register(api: ApiProcess): Promise<string> {
  const body = await call(api, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', undefined, {
    i: { email: `s2-${randomUUID()}@example.test`, password: 'correct horse battery', displayName: 'S2' },
  });
  return body.data.register.accessToken as string;
}

/** A mentor of `count` mentees, each of whom checked in. */
async function mentorOf(api: ApiProcess, count: number): Promise<string> {
  const mentor = await register(api);
  for (let i = 0; i < count; i++) {
    const mentee = await register(api);
    await call(api, 'mutation { checkIn(input: { mood: 3 }) { xpGained } }', mentee);
    const invite = await call(api, 'mutation { createMentorInvite { code } }', mentee);
    await call(api, 'mutation($c: String!) { acceptMentorInvite(code: $c) { risk } }', mentor, { c: invite.data.createMentorInvite.code });
  }
  return mentor;
}

/** S2: SQL statements per request (test mode adds `extensions.sqlStatements`). */
export async function runS2() {
  const db = await createBenchDatabase();
  const api = await startApi({ DATABASE_URL: db.url, NODE_ENV: 'test', TEST_CLOCK: '1' }, 4741);
  try {
    const player = await register(api);
    await call(api, 'mutation { checkIn(input: { mood: 4 }) { xpGained } }', player);
    const statements = async (query: string, token: string) => (await call(api, query, token)).extensions?.sqlStatements ?? -1;
    const five = await mentorOf(api, 5);
    const fifty = await mentorOf(api, 50);
    return {
      gameState: await statements(`{ gameState { ${GAME_STATE_FIELDS} } }`, player),
      checkIn: await statements('mutation { checkIn { xpGained } }', await register(api)),
      mentees5: await statements(MENTEES, five),
      mentees50: await statements(MENTEES, fifty),
    };
  } finally {
    await api.stop();
    await db.drop();
  }
}
