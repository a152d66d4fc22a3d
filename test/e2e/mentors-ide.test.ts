import type { Browser, BrowserContext, Page } from 'playwright-core';

import { launchChromium } from '../support/browser';
import { newPlayer, type Player } from '../support/client';
import { CHECK_IN } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';
import { UNLOCKING_CHECK_IN_EVENTS } from '../support/ws';

jest.setTimeout(90_000);

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let player: Player;
/** Every request the page tried outside 127.0.0.1 (all aborted). */
const blocked: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  player = await newPlayer(server.graphqlUrl, { displayName: 'Ida the IDE user' });
  browser = await launchChromium();
  context = await browser.newContext();
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  await context.routeWebSocket(/.*/, (ws) => {
    if (new URL(ws.url()).hostname === '127.0.0.1') ws.connectToServer();
    else {
      blocked.push(ws.url());
      void ws.close();
    }
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Replaces the text of a Monaco editor as a person would: click, select all, type. */
async function typeInto(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(editor).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function openIde(query: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.graphqlUrl}?query=${encodeURIComponent(query)}`);
  await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Headers' }).click();
  await typeInto(page, '.monaco-editor[data-uri$="headers.json"]', `{"Authorization": "Bearer ${player.client.accessToken}"}`);
  return page;
}

const responseText = (page: Page) => page.locator('.graphiql-response').innerText();

test('GET /graphql from a browser serves GraphiQL from the API itself, with every asset inlined', async () => {
  const res = await fetch(server.graphqlUrl, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('<title>Xecution GraphiQL</title>');
  expect(html).not.toMatch(/<script[^>]+src=/i);
  expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/i);
  expect(html).not.toMatch(/apollographql|embeddable-sandbox|unpkg|jsdelivr/);
});

test('it loads with every network outside 127.0.0.1 blocked, and a query with a token typed into Headers returns data', async () => {
  const page = await openIde('{ me { id displayName } }');
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-response', { hasText: 'Ida the IDE user' }).waitFor({ timeout: 20_000 });
  expect(await responseText(page)).toContain(player.id);
  expect(blocked).toEqual([]);
  await page.close();
});

test('subscriptions run over graphql-ws at ws://host/graphql with the token from Headers', async () => {
  const page = await openIde('subscription { gameEvents { cursor __typename } }');
  const sent: string[] = [];
  const socket = page.waitForEvent('websocket');
  await page.locator('.graphiql-execute-button').click();
  const ws = await socket;
  expect(ws.url()).toBe(server.graphqlUrl.replace('http', 'ws'));
  ws.on('framesent', (frame) => sent.push(String(frame.payload)));
  const received: string[] = [];
  ws.on('framereceived', (frame) => received.push(String(frame.payload)));
  await ws.waitForEvent('framereceived', { predicate: (frame) => String(frame.payload).includes('connection_ack') });
  expect(sent.map((f) => JSON.parse(f)).find((m) => m.type === 'connection_init')).toEqual({
    type: 'connection_init',
    payload: { authorization: `Bearer ${player.client.accessToken}` },
  });
  // Once subscribed, a check-in made elsewhere shows up in the IDE.
  await page.waitForTimeout(300);
  await player.client.ok(CHECK_IN);
  await page.locator('.graphiql-response', { hasText: 'AchievementEvent' }).waitFor({ timeout: 20_000 });
  expect(received.filter((f) => f.includes('"next"')).map((f) => JSON.parse(f).payload.data.gameEvents.__typename)).toEqual([
    ...UNLOCKING_CHECK_IN_EVENTS,
  ]);
  expect(blocked).toEqual([]);
  await page.close();
});

test('GRAPHQL_IDE=0 turns the IDE off (no landing page, never a CDN sandbox)', async () => {
  const off = await startTestServer({ GRAPHQL_IDE: '0' });
  try {
    const res = await fetch(off.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toContain('GraphiQL');
  } finally {
    await off.stop();
  }
});
