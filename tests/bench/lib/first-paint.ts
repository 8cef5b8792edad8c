import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/*
 * Time from navigation to a page's first content, read inside Chromium. Every document gets a
 * MutationObserver before its own scripts run (an init script, which the page's CSP does not
 * govern): it notes performance.now() — milliseconds since the navigation started — when the
 * awaited element enters the DOM. First contentful paint comes from the Paint Timing API. The app
 * paints nothing until its evaluated status is in, so for it both mark the status view.
 */

/** The app's status badge, or the blank page's one line. */
export const MARKER = '[data-testid="status-badge"], #blank-marker';
export const BLANK_PAGE = 'blank.html';

export interface PaintTiming {
  /** The marker is in the DOM. */
  readonly domMs: number;
  /** First contentful paint. */
  readonly fcpMs: number;
  /** The badge's data-state (the blank page has none). */
  readonly state: string | null;
}

/*
 * Page-side code is passed as text: tsx compiles this file with keepNames, and the `__name()` calls
 * it adds to named functions do not exist inside the page.
 */
const OBSERVE_MARKER = `(() => {
  const selector = ${JSON.stringify(MARKER)};
  const observer = new MutationObserver(() => {
    if (window.__benchMarkerAt !== undefined || !document.querySelector(selector)) return;
    window.__benchMarkerAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

const AWAIT_PAINT = (timeoutMs: number) => `new Promise((resolve, reject) => {
  const selector = ${JSON.stringify(MARKER)};
  const check = () => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    if (window.__benchMarkerAt !== undefined && paint) {
      resolve({ domMs: window.__benchMarkerAt, fcpMs: paint.startTime, state: document.querySelector(selector)?.getAttribute('data-state') ?? null });
    } else if (performance.now() > ${timeoutMs}) {
      reject(new Error('nothing matching ' + selector + ' painted within ${timeoutMs} ms of navigation'));
    } else {
      setTimeout(check, 2);
    }
  };
  check();
})`;

/** Installs the observer in every document the page loads from now on. */
export async function watchForMarker(page: Page): Promise<void> {
  await page.addInitScript({ content: OBSERVE_MARKER });
}

/** Navigates to `url` and returns once the marker is in and painted (polled inside the page). */
export async function timeNavigation(page: Page, url: string, timeoutMs = 10_000): Promise<PaintTiming> {
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  return page.evaluate<PaintTiming>(AWAIT_PAINT(timeoutMs));
}

/**
 * A copy of dist/ plus a blank page, so the browser host serves both from one origin with the
 * same headers; the blank page holds one line of text, the least that has a first paint.
 */
export function staticDirWithBlankPage(distDir: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'keyhole-bench-dist-'));
  cpSync(distDir, dir, { recursive: true });
  writeFileSync(join(dir, BLANK_PAGE), '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>blank</title></head><body><p id="blank-marker">.</p></body></html>\n');
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
