import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/*
 * One Debian Chromium per test file (launching is the slow part), a fresh context per test, and
 * the two checks every screen gets: a full-page screenshot kept as an artifact, and an axe scan
 * that must find nothing serious or critical.
 */

export const CHROMIUM_PATH = process.env.KEYHOLE_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The E2E tests drive Debian's Chromium, which is not installed at ${CHROMIUM_PATH}. ` +
        'Install it with `apt-get install -y chromium` (CI does this in .ci/run), or point KEYHOLE_CHROMIUM at a Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
  });
}

/** A fresh context (own storage, clipboard allowed for the host's origin). */
export async function openContext(browser: Browser, origin: string, options: { colorScheme: 'light' | 'dark'; zoom: number }): Promise<BrowserContext> {
  const { zoom } = options;
  const context = await browser.newContext({
    viewport: { width: Math.round(1000 / zoom), height: Math.round(800 / zoom) },
    deviceScaleFactor: zoom,
    colorScheme: options.colorScheme,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  return context;
}

/** Screenshot into test-results/screenshots/<name>.png and an axe scan of the same screen. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `accessibility problems on the "${name}" screen`,
  );
}
