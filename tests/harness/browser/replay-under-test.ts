import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../../node-core/browser-host/browser-host.ts';
import { demoProduct } from '../../../node-core/replay/scenario-signer.ts';
import { createReplayHost, type ReplayHostOptions } from '../../../node-core/replay/replay-host.ts';
import { scenarioBundle } from '../../../node-core/replay/scenario-bundle.ts';
import type { ErrorCode } from '../../../shared/errors/catalog.ts';
import { createDoor } from '../../../shared/ipc/door.ts';
import type { SupportBundle } from '../../../shared/support/bundle.ts';
import { ensureBuilt } from './app-under-test.ts';
import { openContext } from './chromium.ts';
import { waitForApp } from './flows.ts';

/*
 * A read-only replay host (node-core/replay/) behind the real browser host, and a Chromium page on
 * it: for a customer's bundle (replay) or a generated one (scenario). Used by the replay/scenario
 * E2E tests and by scripts/capture-screenshots.ts, so the guide's pictures are the tested screens.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface ReplayUnderTest {
  readonly page: Page;
  readonly host: BrowserHost;
  close(): Promise<void>;
}

export interface OpenReplayOptions {
  readonly width?: number;
  readonly colorScheme?: 'light' | 'dark';
}

/** Serves a replay host and opens it; resolves once the first screen is painted. */
export async function openReplay(browser: Browser, options: Omit<ReplayHostOptions, 'host'>, view: OpenReplayOptions = {}): Promise<ReplayUnderTest> {
  await ensureBuilt();
  const app = await createReplayHost({ ...options, host: 'browser' });
  const host = await startBrowserHost({ door: createDoor(app.handlers, app.log), onEvent: app.onEvent, staticDir: join(ROOT, 'dist') });
  let context: BrowserContext | null = null;
  try {
    context = await openContext(browser, host.origin, { colorScheme: view.colorScheme ?? 'light', zoom: 1 });
    if (view.width) await context.pages()[0]?.setViewportSize({ width: view.width, height: 800 });
    const page = await context.newPage();
    if (view.width) await page.setViewportSize({ width: view.width, height: 800 });
    await page.goto(host.url);
    await waitForApp(page);
    const opened = context;
    return {
      page,
      host,
      async close() {
        await opened.close();
        await host.close();
        app.close();
      },
    };
  } catch (error) {
    await context?.close();
    await host.close();
    throw error;
  }
}

/** The generated bundle of a catalog code, opened read-only. */
export async function openScenario(browser: Browser, code: ErrorCode, view: OpenReplayOptions = {}): Promise<ReplayUnderTest & { bundle: SupportBundle }> {
  const { bundle, product } = await scenarioBundle(code, demoProduct());
  return { ...(await openReplay(browser, { bundle, product, scenario: code }, view)), bundle };
}
