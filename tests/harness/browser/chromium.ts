import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/*
 * One Chromium per test file (launching is the slow part), a fresh context per test, and
 * the two checks every screen gets: a full-page screenshot kept as an artifact, and an axe scan
 * that must find nothing serious or critical.
 */

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

/**
 * The Chromium the browser tests drive: $KEYHOLE_CHROMIUM when set, else the system's (Debian's
 * package), else the one that ships inside the `@sparticuz/chromium` npm package (a devDependency,
 * unpacked from node_modules into the temp dir on first use — nothing is downloaded at run time),
 * so `npm install && npm test` works on a machine with no system Chromium.
 */
export async function chromiumExecutable(): Promise<ChromiumChoice> {
  const choice = chooseChromium(process.env.KEYHOLE_CHROMIUM, existsSync);
  if (choice) return choice;
  return { path: await packagedChromium(), source: '@sparticuz/chromium' };
}

export interface ChromiumChoice {
  readonly path: string;
  readonly source: 'KEYHOLE_CHROMIUM' | 'system' | '@sparticuz/chromium';
}

/** The explicit or system Chromium; undefined means "use the packaged one". */
export function chooseChromium(explicit: string | undefined, exists: (path: string) => boolean): ChromiumChoice | undefined {
  if (explicit) {
    if (!exists(explicit)) throw new Error(`KEYHOLE_CHROMIUM points at ${explicit}, which does not exist.`);
    return { path: explicit, source: 'KEYHOLE_CHROMIUM' };
  }
  return exists(SYSTEM_CHROMIUM) ? { path: SYSTEM_CHROMIUM, source: 'system' } : undefined;
}

/** Unpacks the Chromium shipped in the `@sparticuz/chromium` package (once per temp dir). */
export async function packagedChromium(): Promise<string> {
  const packaged = (await import('@sparticuz/chromium')).default;
  return packaged.executablePath();
}

export async function launchChromium(path?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: path ?? (await chromiumExecutable()).path,
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

/**
 * How much of axe a screen gets: every rule, only the colour rules (the same screen in another
 * colour scheme: the theme changes colours and nothing else), or none (a screenshot of a state
 * already scanned, e.g. the same page at 200 %).
 */
export type AxeScan = 'all' | 'colours' | 'none';
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Screenshot into test-results/screenshots/<name>.png (or `folder`) and an axe scan of the same screen. */
export async function checkScreen(page: Page, name: string, folder = SCREENSHOTS, scan: AxeScan = 'all'): Promise<void> {
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  if (scan === 'none') return;
  const builder = new AxeBuilder({ page });
  const results = await (scan === 'colours' ? builder.withRules(COLOUR_RULES) : builder).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `accessibility problems on the "${name}" screen`,
  );
}
