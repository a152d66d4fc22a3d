import type { Database } from '../db/database';
import { TestClock } from '../lib/clock';
import { addDays, localDate, startOfLocalDay } from '../lib/local-day';
import type { Logger } from '../lib/logger';
import { anonymousScope, type Scope, scopeFor } from '../lib/scope';
import type { Services } from './index';

/** Everyone in the demo signs in with this password. */
export const DEMO_PASSWORD = 'xecution-demo';
export const DEMO_DAYS = 60;

type Pattern = (day: number) => boolean;

interface DemoPerson {
  email: string;
  displayName: string;
  timezone: string;
  role: string;
  /** Whether the person checks in on day `d` (0 = 59 days ago … 59 = today). */
  checksIn: Pattern;
}

/** One steady, one slipping, one recovering mentee, and their mentor. */
export const DEMO_MENTOR: DemoPerson = {
  email: 'mentor@demo.xecution.dev',
  displayName: 'Morgan (mentor)',
  timezone: 'Europe/London',
  role: 'mentor of the three below',
  checksIn: (d) => d >= 50 && d % 2 === 0,
};

export const DEMO_MENTEES: DemoPerson[] = [
  {
    email: 'steady@demo.xecution.dev',
    displayName: 'Sam (steady)',
    timezone: 'America/New_York',
    role: 'steady: checks in almost every day',
    checksIn: (d) => d !== 20 && d !== 41,
  },
  {
    email: 'slipping@demo.xecution.dev',
    displayName: 'Sol (slipping)',
    timezone: 'Europe/Berlin',
    role: 'slipping: steady for six weeks, then fading',
    checksIn: (d) => d < 40 || (d < 50 && d % 2 === 0) || d === 52 || d === 53,
  },
  {
    email: 'recovering@demo.xecution.dev',
    displayName: 'Ren (recovering)',
    timezone: 'Asia/Tokyo',
    role: 'recovering: lapsed for weeks, back every day since',
    checksIn: (d) => d < 18 || d === 25 || d === 31 || d >= 48,
  },
];

const INTENTIONS = [
  'Draft the landing page copy',
  'Ship the onboarding email',
  'Call three customers about pricing',
  'Finish chapter 4 of the course',
  'Write the weekly investor update',
  'Fix the signup bug and deploy',
  'Record the product demo video',
  'Outline the conference talk',
  'Review and merge the API pull request',
  'Practise Spanish for 45 minutes',
];

export interface DemoLogin {
  email: string;
  password: string;
  displayName: string;
  role: string;
}

/**
 * Demo data through the real services (so every number obeys the game rules: XP equals the ledger's
 * sum, streaks, achievements, events), played on a private clock over the last 60 days. Idempotent:
 * when the demo mentor exists nothing is written.
 */
export class DemoSeed {
  private readonly clock = new TestClock();

  constructor(
    private readonly services: Services,
    private readonly db: Database,
    private readonly log: Logger,
  ) {}

  /** True on a fresh database (no user at all): the first embedded start seeds the demo. */
  async isEmpty(): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM users LIMIT 1`)).length === 0;
  }

  /** Creates the demo unless it exists; returns who can sign in, and whether anything was written. */
  async run(now: Date = new Date()): Promise<{ created: boolean; logins: DemoLogin[] }> {
    const logins = [DEMO_MENTOR, ...DEMO_MENTEES].map((p) => ({
      email: p.email,
      password: DEMO_PASSWORD,
      displayName: p.displayName,
      role: p.role,
    }));
    const existing = await this.db.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [DEMO_MENTOR.email]);
    if (existing.length > 0) return { created: false, logins };

    const start = addDays(localDate(now, 'UTC'), -(DEMO_DAYS + 1));
    this.clock.set(startOfLocalDay(start, 'UTC'));
    const mentorId = await this.register(DEMO_MENTOR);
    const menteeIds = [];
    for (const mentee of DEMO_MENTEES) {
      const id = await this.register(mentee);
      menteeIds.push(id);
      const { code } = await this.services.mentors.createInvite(this.as(id));
      await this.services.mentors.acceptInvite(this.as(mentorId), code);
    }
    for (const [index, person] of [DEMO_MENTOR, ...DEMO_MENTEES].entries()) {
      await this.play(person, [mentorId, ...menteeIds][index], now);
    }
    this.log.info({ mentees: menteeIds.length, days: DEMO_DAYS }, 'demo data created');
    return { created: true, logins };
  }

  private async register(person: DemoPerson): Promise<string> {
    const credentials = await this.services.auth.register(this.as(null), {
      email: person.email,
      password: DEMO_PASSWORD,
      displayName: person.displayName,
      timezone: person.timezone,
    });
    return credentials.userId;
  }

  /** 60 local days of one person's life: check-in, intention, sprints, claims; nothing after `now`. */
  private async play(person: DemoPerson, userId: string, now: Date): Promise<void> {
    const scope = this.as(userId);
    const today = localDate(now, person.timezone);
    for (let d = 0; d < DEMO_DAYS; d++) {
      const day = addDays(today, d - (DEMO_DAYS - 1));
      const at = (hour: number, minute = 0) => new Date(startOfLocalDay(day, person.timezone).getTime() + (hour * 60 + minute) * 60_000);
      const when = (instant: Date) => instant.getTime() <= now.getTime() && this.clock.set(instant);
      if (!person.checksIn(d) || !when(at(7, 30 + (d % 20)))) continue;
      const unlocked = [
        ...(await this.services.checkIns.checkIn(scope, { mood: 2 + ((d * 7) % 4), note: d % 9 === 0 ? 'Slow start today.' : null }))
          .unlocked,
      ];
      if (!when(at(8, 15))) continue;
      const intention = await this.services.intentions.set(scope, {
        text: INTENTIONS[(d + userId.charCodeAt(0)) % INTENTIONS.length],
        targetSprints: 2,
      });
      // About as much energy spent as check-ins restore (+10 a day): a sprint costs minutes / 5.
      const sprints = d % 5 === 0 ? [90] : d % 3 === 0 ? [25] : [25, 25];
      let hour = 9;
      for (const minutes of sprints) {
        if (!when(at(hour)) || !(await this.hasEnergy(userId))) break;
        const sprint = await this.services.sprints.start(scope, { plannedMinutes: minutes, intentionId: intention.id });
        if (!when(at(hour, minutes + 5))) break;
        unlocked.push(...(await this.services.sprints.complete(scope, sprint.id)).unlocked);
        hour += 2;
      }
      // Most days the intention ships; some days it is left FAILED (shown, never punished).
      if (d % 6 !== 4 && when(at(17, 30))) unlocked.push(...(await this.services.intentions.complete(scope)).unlocked);
      if (!when(at(21))) continue;
      // Claims can unlock more (LEVEL_5): the loop picks those up as they are appended.
      for (const achievement of unlocked) unlocked.push(...(await this.services.achievements.claim(scope, achievement.code)).unlocked);
    }
  }

  private async hasEnergy(userId: string): Promise<boolean> {
    const [state] = await this.services.gameState.loadMany([userId], this.clock.now());
    return (state?.energy ?? 0) >= 10;
  }

  /** The scope of `userId` (of no one, for registering) on the seed's own clock. */
  private as(userId: string | null): Scope {
    return userId ? scopeFor(userId, this.clock, this.log) : anonymousScope(this.clock, this.log);
  }
}

/** How to sign in as each demo person, for a terminal. */
export function describeLogins(logins: DemoLogin[]): string {
  const lines = logins.map((l) => `  ${l.email.padEnd(30)} password: ${l.password}   ${l.displayName}: ${l.role}`);
  return [
    'Demo accounts (sign in with the login mutation, then paste the accessToken into the IDE headers at /graphql):',
    ...lines,
    `  e.g. mutation { login(input: { email: "${DEMO_MENTOR.email}", password: "${DEMO_PASSWORD}" }) { accessToken } }`,
    '',
  ].join('\n');
}

/** The first start on a fresh embedded database creates the demo, then says how to sign in. */
export async function seedDemoOnFirstStart(services: Services, db: Database, log: Logger, print: (text: string) => void): Promise<void> {
  const seed = new DemoSeed(services, db, log);
  if (!(await seed.isEmpty())) return;
  log.info('first start on a fresh database: creating demo data (a mentor and three mentees, 60 days)');
  const { logins } = await seed.run();
  print(describeLogins(logins));
}
