import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import express from 'express';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { dashboardRouter } from '../../src/http/dashboard.route';
import { launchChromium } from '../support/browser';
import { newPlayer, TestClient } from '../support/client';
import { eventually } from '../support/eventually';
import { CHECK_IN } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The live dashboard end to end: the API on a fresh database with the test clock, the page built
 * from web/ and driven in Debian's headless Chromium (playwright-core, no browser download).
 * Parts that need a feature this server lacks assert the page's "not available" state instead.
 */
const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const START = '2031-03-10T09:00:00.000Z';
const PASSWORD = 'correct horse battery staple';
/** Short-lived access tokens, so the run crosses several expiries: the page must refresh and renew its stream. */
const SERVER_ENV = { ACCESS_TOKEN_TTL_SECONDS: '10' };

jest.setTimeout(120_000);

interface Features {
  subscriptions: boolean;
  coach: boolean;
  mentors: boolean;
}

let dataDir: string;
let server: TestServer;
let port: string;
let clockNow = START;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let features: Features;
const player = { email: `player-${Date.now()}@example.test`, displayName: 'Ada Player' };
const browserErrors: string[] = [];
let tokenRefreshes = 0;
let socketsOpened = 0;

async function rootFields(graphqlUrl: string): Promise<Record<'query' | 'mutation' | 'subscription', Set<string>>> {
  const names = (t: { fields: { name: string }[] } | null) => new Set((t?.fields ?? []).map((f) => f.name));
  const data = await new TestClient(graphqlUrl).ok(
    '{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }',
  );
  return {
    query: names(data.__schema.queryType),
    mutation: names(data.__schema.mutationType),
    subscription: names(data.__schema.subscriptionType),
  };
}

async function setClock(iso: string): Promise<void> {
  clockNow = await server.setClock(iso);
}

async function advance(seconds: number): Promise<void> {
  clockNow = await server.advance(seconds);
}

/** Polls until `read` returns `expected` (or the predicate holds); on timeout, saves a screenshot and fails with the last value. */
async function until<T>(what: string, read: () => Promise<T>, expected: T | ((value: T) => boolean), timeoutMs = 10_000): Promise<T> {
  const ok = typeof expected === 'function' ? (expected as (value: T) => boolean) : (value: T) => value === expected;
  let last: T | undefined;
  const seen = async () => {
    try {
      last = await read();
      return ok(last);
    } catch (error) {
      last = String(error) as T;
      return false;
    }
  };
  try {
    await eventually(seen, { timeoutMs, what });
  } catch {
    await shot(page, `failure-${what.replace(/\W+/g, '-')}`).catch(() => undefined);
    throw new Error(
      `${what}: expected ${typeof expected === 'function' ? 'predicate' : JSON.stringify(expected)}, last saw ${JSON.stringify(last)}\nbrowser errors: ${browserErrors.join('\n')}`,
    );
  }
  return last as T;
}

const text = (locator: Locator) => async () => ((await locator.textContent({ timeout: 1000 })) ?? '').trim();

async function shot(target: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await target.evaluate('window.scrollTo(0, 0)');
  await target.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
}

async function newPage(): Promise<Page> {
  const p = await context.newPage();
  p.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
  p.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource|WebSocket connection/.test(message.text()))
      browserErrors.push(`console: ${message.text()}`);
  });
  return p;
}

async function signUp(target: Page, email: string, displayName: string): Promise<void> {
  await target.goto(`${server.url}/dashboard/`);
  await target.getByTestId('mode-signup').click();
  await target.getByTestId('email').fill(email);
  await target.getByTestId('password').fill(PASSWORD);
  await target.getByTestId('display-name').fill(displayName);
  await target.getByTestId('timezone').fill('UTC');
  await target.getByTestId('auth-submit').click();
  await target.getByTestId('player-screen').getByTestId('level').waitFor();
}

/** A client signed in as an account the page created. */
async function apiClientFor(email: string): Promise<TestClient> {
  const data = await new TestClient(server.graphqlUrl).ok('mutation L($input: LoginInput!) { login(input: $input) { accessToken } }', {
    input: { email, password: PASSWORD },
  });
  return new TestClient(server.graphqlUrl, data.login.accessToken);
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  }
  dataDir = mkdtempSync(join(tmpdir(), 'xecution-dashboard-'));
  server = await startTestServer({ ...SERVER_ENV, DATA_DIR: dataDir });
  port = new URL(server.url).port;
  await setClock(START);
  const fields = await rootFields(server.graphqlUrl);
  features = {
    subscriptions: fields.subscription.has('gameEvents'),
    coach: fields.mutation.has('askCoach') && fields.subscription.has('coachStream'),
    mentors: fields.query.has('mentees') && fields.mutation.has('acceptMentorInvite'),
  };
  console.log(`dashboard e2e: features on this server ${JSON.stringify(features)}`);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await newPage();
  page.on('request', (request) => {
    if (request.postData()?.includes('refreshSession')) tokenRefreshes++;
  });
  page.on('websocket', () => socketsOpened++);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const screen = () => page.getByTestId('player-screen');

test('the API serves the dashboard at /dashboard with client-side routes and a 404 for missing assets', async () => {
  const index = await fetch(`${server.url}/dashboard`);
  expect(index.status).toBe(200);
  expect(await index.text()).toContain('<div id="app">');
  expect((await fetch(`${server.url}/dashboard/mentor/some-route`)).status).toBe(200);
  expect((await fetch(`${server.url}/dashboard/assets/missing.js`)).status).toBe(404);
  // Without a build, a clear 503 instead of a blank page.
  const bare = express().use('/dashboard', dashboardRouter(join(tmpdir(), 'no-such-web-dist')));
  const listener = await new Promise<Server>((resolve) => {
    const s = bare.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const res = await fetch(`http://127.0.0.1:${(listener.address() as AddressInfo).port}/dashboard/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build:web/);
  } finally {
    listener.close();
  }
});

test('signs up in the page and sees a fresh game, connected live', async () => {
  await signUp(page, player.email, player.displayName);
  expect(await text(screen().getByTestId('level'))()).toBe('1');
  expect(await text(screen().getByTestId('xp-total'))()).toBe('0');
  expect(await text(screen().getByTestId('streak-current'))()).toBe('0');
  expect(await text(screen().getByTestId('streak-status'))()).toBe('NONE');
  await until(
    'connection indicator',
    () => page.getByTestId('connection').getAttribute('data-status'),
    features.subscriptions ? 'live' : 'unavailable',
  );
  await shot(page, '01-signed-up');
});

test('checks in and sees the XP bar and the streak change without a reload', async () => {
  await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
  const barBefore = await screen().getByTestId('xp-bar').getAttribute('style');
  await screen().getByTestId('mood').selectOption('5');
  await screen().getByTestId('note').fill('Shipped the landing page');
  await screen().getByTestId('check-in').click();
  // First check-in: 10 + min(1, 20) = 11 XP, streak 1, ACTIVE.
  await until('xp after check-in', text(screen().getByTestId('xp-total')), '11');
  await until('streak after check-in', text(screen().getByTestId('streak-current')), '1');
  expect(await text(screen().getByTestId('streak-status'))()).toBe('ACTIVE');
  expect(await text(screen().getByTestId('streak-expires'))()).toMatch(/Expires in/);
  expect(await screen().getByTestId('xp-bar').getAttribute('style')).not.toBe(barBefore);
  expect(await text(screen().getByTestId('energy'))()).toBe('60');
  expect(await screen().getByTestId('achievement-FIRST_CHECK_IN').getAttribute('data-status')).toBe('unlocked');
  if (features.subscriptions) {
    await until(
      'live events after check-in',
      () => screen().getByTestId('event').allTextContents(),
      (lines) => lines.some((l) => l.includes('+11 XP')),
    );
  }
  // A second check-in the same day shows the API's error plainly.
  await screen().getByTestId('check-in').click();
  await until('already checked in error', text(screen().getByTestId('checkin-panel').getByTestId('action-error')), (t) =>
    /already checked in/i.test(t),
  );
  expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await until('chart counts the check-in', text(screen().getByTestId('chart-checkins')), '1 check-ins');
  await shot(page, '02-checked-in');
});

test('XP earned elsewhere arrives live over gameEvents (no reload, no click)', async () => {
  const api = await apiClientFor(player.email);
  await api.ok('mutation { setDailyIntention(input: { text: "Write the onboarding email", targetSprints: 1 }) { id } }');
  await api.ok('mutation { completeDailyIntention { xpGained } }');
  if (features.subscriptions) {
    // 11 + 50: pushed by the subscription, then the screen refetches the rest.
    await until('xp pushed live', text(screen().getByTestId('xp-total')), '61');
    await until('intention refetched after the event', text(screen().getByTestId('intention-status')), 'COMPLETED');
  } else {
    expect(await text(screen().getByTestId('live-note'))()).toMatch(/not available/);
  }
});

test('starts a sprint, is refused before time, completes it after the test clock moves', async () => {
  if (!features.subscriptions) await page.reload(); // without live updates the intention set elsewhere needs a reload
  const xpBefore = Number(await text(screen().getByTestId('xp-total'))());
  await screen().getByTestId('sprint-minutes').fill('25');
  await screen().getByTestId('start-sprint').click();
  await screen().getByTestId('sprint-timer').waitFor();
  await screen().getByTestId('complete-sprint').click();
  await until('not finished error', text(screen().getByTestId('sprint-panel').getByTestId('action-error')), (t) => t.length > 0);
  await shot(page, '03-sprint-running');
  await advance(25 * 60);
  await screen().getByTestId('complete-sprint').click();
  await until('xp after sprint', text(screen().getByTestId('xp-total')), String(xpBefore + 25));
  await screen().getByTestId('no-sprint').waitFor();
  expect(await text(screen().getByTestId('energy'))()).toBe('55');
  expect(await screen().getByTestId('achievement-FIRST_SPRINT').getAttribute('data-status')).toBe('unlocked');
  // Start and abandon one more: no XP, no sprint left.
  await screen().getByTestId('start-sprint').click();
  await screen().getByTestId('abandon-sprint').click();
  await screen().getByTestId('no-sprint').waitFor();
  expect(await text(screen().getByTestId('xp-total'))()).toBe(String(xpBefore + 25));
});

test('claims an achievement, and buys and uses a tool (errors shown plainly)', async () => {
  const xpBefore = Number(await text(screen().getByTestId('xp-total'))());
  await screen().getByTestId('claim-FIRST_CHECK_IN').click();
  await until('claimed', () => screen().getByTestId('achievement-FIRST_CHECK_IN').getAttribute('data-status'), 'claimed');
  await until('xp after claim', text(screen().getByTestId('xp-total')), String(xpBefore + 20));
  expect(await text(screen().getByTestId('level'))()).toBe('2');
  // Loyalty: check-in 5 + intention 5 + sprint 1 = 11.
  expect(await text(screen().getByTestId('loyalty'))()).toBe('11');
  await screen().getByTestId('buy-STREAK_SHIELD').click();
  await until('insufficient loyalty', text(screen().getByTestId('tools-panel').getByTestId('action-error')), (t) => /loyalty/i.test(t));
  await screen().getByTestId('buy-ENERGY_DRINK').click();
  await until('bought', text(screen().getByTestId('quantity-ENERGY_DRINK')), '1');
  expect(await text(screen().getByTestId('loyalty'))()).toBe('1');
  await screen().getByTestId('use-ENERGY_DRINK').click();
  await until('energy after the drink', text(screen().getByTestId('energy')), '80');
  await shot(page, '04-achievements-and-tools');
});

test('the coach streams a reply token by token, can be cancelled, and keeps the history', async () => {
  const panel = screen().getByTestId('coach-panel');
  if (!features.coach) {
    expect(await panel.getAttribute('data-available')).toBe('false');
    expect(await text(panel)()).toMatch(/not available/);
    return;
  }
  await panel.getByTestId('coach-input').fill('What should I focus on next?');
  await panel.getByTestId('coach-send').click();
  const reply = panel.getByTestId('coach-reply').last();
  await until('coach reply complete', () => reply.getAttribute('data-status'), 'COMPLETE', 30_000);
  expect(Number(await reply.locator('.text').getAttribute('data-chunks'))).toBeGreaterThan(1);
  expect((await text(reply.locator('.text'))()).length).toBeGreaterThan(20);
  await shot(page, '05-coach');
  await panel.getByTestId('coach-history').click();
  await until(
    'history has the question',
    () => panel.getByTestId('coach-question').count(),
    (n) => n >= 1,
  );
  // Cancel a second reply: it ends CANCELLED, unless it finished before the click landed.
  await panel.getByTestId('coach-input').fill('And after that?');
  await panel.getByTestId('coach-send').click();
  await panel
    .getByTestId('coach-cancel')
    .click({ timeout: 5000 })
    .catch(() => undefined);
  await until(
    'second reply ended',
    () => panel.getByTestId('coach-reply').last().getAttribute('data-status'),
    (s) => s === 'CANCELLED' || s === 'COMPLETE',
    30_000,
  );
});

test("a mentor sees the mentees sorted by risk and a mentee's check-in appear live", async () => {
  const mentorPage = await newPage();
  await signUp(mentorPage, `mentor-${Date.now()}@example.test`, 'Grace Mentor');
  await mentorPage.getByTestId('tab-mentor').click();
  const view = mentorPage.getByTestId('mentor-view');
  await view.waitFor();
  if (!features.mentors) {
    expect(await view.getAttribute('data-available')).toBe('false');
    expect(await text(view)()).toMatch(/not available/);
    await mentorPage.close();
    return;
  }
  // The player hands out a code from the page; the mentor accepts it in theirs.
  await page.getByTestId('tab-mentor').click();
  await page.getByTestId('create-invite').click();
  const playerCode = await until('invite code', text(page.getByTestId('invite-code')), (t) => t.length > 0);
  await page.getByTestId('tab-player').click();
  await mentorPage.getByTestId('accept-code').fill(playerCode);
  await mentorPage.getByTestId('accept-invite').click();
  await until('one mentee', () => view.getByTestId('mentee-row').count(), 1);
  // A second mentee who never checked in: HIGH risk, listed first.
  const mentee = await newPlayer(server.graphqlUrl, { displayName: 'Max Mentee' });
  const { createMentorInvite } = await mentee.client.ok('mutation { createMentorInvite { code } }');
  await mentorPage.getByTestId('accept-code').fill(createMentorInvite.code);
  await mentorPage.getByTestId('accept-invite').click();
  await until('two mentees', () => view.getByTestId('mentee-row').count(), 2);
  const risks = await view.getByTestId('mentee-risk').allTextContents();
  const rank = { HIGH: 0, MEDIUM: 1, LOW: 2 } as Record<string, number>;
  expect(risks.map((r) => rank[r.trim()])).toEqual([...risks.map((r) => rank[r.trim()])].sort());
  const row = view.locator(`[data-testid="mentee-row"][data-user="${mentee.id}"]`);
  expect(await text(row.getByTestId('mentee-risk'))()).toBe('HIGH');
  expect(await text(row.getByTestId('adherence7'))()).toBe('0%');
  await row.getByTestId('open-mentee').click();
  const menteeScreen = mentorPage.getByTestId('mentee-screen');
  await until('mentee screen', text(menteeScreen.getByTestId('xp-total')), '0');
  expect(await menteeScreen.getByTestId('check-in').count()).toBe(0); // read-only
  await shot(mentorPage, '06-mentor-before');
  await mentee.client.ok(CHECK_IN, { input: { mood: 4, note: 'Back on it' } });
  if (features.subscriptions) {
    await until('mentee xp live', text(menteeScreen.getByTestId('xp-total')), '11');
    await until('mentee streak live', text(menteeScreen.getByTestId('streak-current')), '1');
    await menteeScreen.getByTestId('checked-in').waitFor();
  }
  await shot(mentorPage, '06-mentor-live');
  await mentorPage.close();
});

test('recovers after the server restarts and catches up without a reload', async () => {
  await page.getByTestId('tab-player').click();
  const xpBefore = Number(await text(screen().getByTestId('xp-total'))());
  await server.stop();
  if (features.subscriptions) {
    await until('indicator shows the lost connection', () => page.getByTestId('connection').getAttribute('data-status'), 'reconnecting');
    await shot(page, '07-reconnecting');
  }
  server = await startTestServer({ ...SERVER_ENV, DATA_DIR: dataDir, PORT: port });
  await setClock(clockNow);
  // Something happens right away, most likely before the page's next reconnect attempt.
  const api = await apiClientFor(player.email);
  await api.ok('mutation { claimAchievement(code: "FIRST_SPRINT") { xpGained } }');
  await until(
    'indicator live again',
    () => page.getByTestId('connection').getAttribute('data-status'),
    features.subscriptions ? 'live' : 'unavailable',
    20_000,
  );
  if (!features.subscriptions) await page.reload();
  await until('caught up', text(screen().getByTestId('xp-total')), String(xpBefore + 20), 15_000);
  await until('claim shows', () => screen().getByTestId('achievement-FIRST_SPRINT').getAttribute('data-status'), 'claimed');
  if (features.subscriptions) {
    // Resumed from the last cursor: the missed event arrives once, no duplicates.
    const lines = await until(
      'replayed event',
      () => screen().getByTestId('event').allTextContents(),
      (l) => l.some((x) => x.includes(`(total ${xpBefore + 20})`)),
    );
    expect(lines.filter((x) => x.includes(`(total ${xpBefore + 20})`))).toHaveLength(1);
    expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
  }
  // The page still acts: tokens work against the new server.
  await screen().getByTestId('start-sprint').click();
  await screen().getByTestId('sprint-timer').waitFor();
  await screen().getByTestId('abandon-sprint').click();
  await screen().getByTestId('no-sprint').waitFor();
  expect(browserErrors).toEqual([]);
  await shot(page, '08-after-restart');
});

test('outlives its 10-second access tokens: refreshed in memory, the live stream renewed and resumed', async () => {
  // Let at least one more token lifetime pass on the restarted server.
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  expect(tokenRefreshes).toBeGreaterThanOrEqual(3);
  const xpBefore = Number(await text(screen().getByTestId('xp-total'))());
  await advance(24 * 3600);
  const api = await apiClientFor(player.email);
  await api.ok(CHECK_IN, { input: { mood: 3 } });
  if (features.subscriptions) {
    // Day 2: 10 + min(2, 20) = 12 XP and streak 2, pushed live.
    await until('xp on day 2', text(screen().getByTestId('xp-total')), String(xpBefore + 12));
    await until('streak on day 2', text(screen().getByTestId('streak-current')), '2');
    expect(socketsOpened).toBeGreaterThanOrEqual(3);
    // A renewal (every 10 s token) may be under way at this instant: the stream must be live again after it.
    await until('live again', () => page.getByTestId('connection').getAttribute('data-status'), 'live');
  }
  await screen().getByTestId('start-sprint').click();
  await screen().getByTestId('sprint-timer').waitFor();
  await screen().getByTestId('abandon-sprint').click();
  await screen().getByTestId('no-sprint').waitFor();
  expect(browserErrors).toEqual([]);
  console.log(`dashboard e2e: ${tokenRefreshes} token refreshes, ${socketsOpened} sockets opened`);
});
