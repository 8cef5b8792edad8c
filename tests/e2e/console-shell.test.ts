import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../harness/browser/chromium.ts';
import { ADMIN, checkConsolePage, heading, openConsole, signIn, startConsole, type ConsoleUnderTest } from '../harness/browser/console.ts';

/* The console's frame: sign-in, the way back to the page asked for, navigation, sign-out. */

let browser: Browser;
let app: ConsoleUnderTest;
before(async () => {
  [browser, app] = await Promise.all([launchChromium(), startConsole()]);
});
after(async () => {
  await browser?.close();
  await app?.close();
});

describe('console shell', () => {
  test('a signed-out person is sent to Sign in and comes back to the page they asked for', async () => {
    const { context, page } = await openConsole(browser, app);
    await page.goto(`${app.url}/plans`);
    assert.equal(new URL(page.url()).pathname, '/console/sign-in');
    // Sign in is scanned in every theme by console-access (sign-in-*); this is its screenshot on the way back.
    await checkConsolePage(page, 'sign-in', 'none');
    await signIn(page, ADMIN);
    assert.equal(new URL(page.url()).pathname, '/console/plans');
    await heading(page, 'Plans');
    await page.getByRole('link', { name: 'Orders' }).click();
    await heading(page, 'Orders');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(`${app.url}/plans`);
    assert.equal(new URL(page.url()).pathname, '/console/sign-in', 'signed out for real: the session is gone');
    await context.close();
  });
});
