/*
 * Writes docs/screenshots/<code>.png for the troubleshooting guide: every catalog code's scenario
 * (`npm start -- --scenario <CODE>`: generated data, read-only) through the real browser host in
 * Debian's Chromium, 800 px wide, without the replay banner (the guide shows the customer's screen),
 * as plain PNGs straight from Chromium.
 * Run `npx tsx scripts/capture-screenshots.ts [CODE…]`, then regenerate docs/troubleshooting.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ERROR_CODES, type ErrorCode } from '../shared/errors/catalog.ts';
import { parseScenarioCode } from '../node-core/replay/scenarios.ts';
import { openScenario } from '../tests/harness/browser/replay-under-test.ts';
import { launchChromium } from '../tests/harness/browser/chromium.ts';
import { SCREENSHOTS_DIR, screenshotName } from './generate-troubleshooting.ts';

const WIDTH = 800;

/** Leaves what a customer sees: no replay banner, no read-only tag. */
async function hideReplayChrome(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.querySelector('[data-testid="replay-banner"]')?.remove();
    for (const tag of document.querySelectorAll('.tag')) if (tag.textContent === 'Read-only') tag.remove();
  });
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).map((arg) => parseScenarioCode(arg) ?? arg);
  const unknown = asked.filter((code) => !ERROR_CODES.includes(code as ErrorCode));
  if (unknown.length > 0) {
    console.error(`Not catalog codes: ${unknown.join(', ')}`);
    process.exit(2);
  }
  const codes = asked.length > 0 ? (asked as ErrorCode[]) : ERROR_CODES;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const browser = await launchChromium();
  let total = 0;
  try {
    for (const code of codes) {
      const scenario = await openScenario(browser, code, { width: WIDTH });
      try {
        await hideReplayChrome(scenario.page);
        const file = join(SCREENSHOTS_DIR, screenshotName(code));
        const png = await scenario.page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
        writeFileSync(file, png);
        const size = png.length;
        total += size;
        console.log(`${file.slice(SCREENSHOTS_DIR.length - 'docs/screenshots'.length)}  ${(size / 1024).toFixed(0)} KB`);
      } finally {
        await scenario.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${codes.length} screenshots, ${(total / 1024).toFixed(0)} KB in all. Now run: npx tsx scripts/generate-troubleshooting.ts`);
}

await main();
