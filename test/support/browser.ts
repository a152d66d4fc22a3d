import { existsSync } from 'node:fs';

import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium (scripts/ensure-chromium.sh installs it); a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium as this machine runs it: no sandbox (root), no background calls to the closed network. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (npm test does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
