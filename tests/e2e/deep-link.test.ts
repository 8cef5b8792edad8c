import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { activateLink } from '../../shared/format/deep-link.ts';
import { startApp } from '../harness/browser/app-under-test.ts';
import { checkScreen, launchChromium } from '../harness/browser/chromium.ts';
import { assertIncludes, badge, expectBadge, keyField, waitForApp } from '../harness/browser/flows.ts';

/*
 * A key that arrives by link, in Chromium through the browser host: the link fills the key in and
 * checks it, and nothing is activated until the user clicks "Activate"; a hostile link does
 * nothing. The same link handed to the running app (a second launch) fills the open window.
 */

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

const activations = async (app: { authority: { url: string }; key(name: string): string }, name: string) => {
  const response = await fetch(`${app.authority.url}/license/activations`, { method: 'POST', body: JSON.stringify({ license_key: app.key(name) }) });
  return ((await response.json()) as { activations: unknown[] }).activations.length;
};

/** Opens the app's address again with `params` added, as the browser host is opened with a link. */
async function openWith(page: Page, params: Record<string, string>): Promise<void> {
  const address = new URL(page.url());
  for (const [name, value] of Object.entries(params)) address.searchParams.set(name, value);
  await page.goto(address.href);
  await waitForApp(page);
}

const filledIn = (page: Page) => page.waitForFunction(() => (document.getElementById('license-key') as HTMLInputElement | null)?.value !== '');

describe('a key that arrives by link', () => {
  test('?link=keyhole://activate?key=… fills the key in and checks it; nothing is activated until "Activate"', async () => {
    const app = await startApp(browser);
    try {
      const { page } = app;
      const key = app.key('online');
      await waitForApp(page);
      await openWith(page, { link: activateLink('keyhole', key) });
      await filledIn(page);
      assert.equal(await keyField(page).inputValue(), key);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'license-key');
      assertIncludes(await page.getByTestId('notice').innerText(), 'filled in');
      assertIncludes(await page.locator('main').innerText(), 'Well-formed license key');
      assert.doesNotMatch(page.url(), /link=|key=/, 'the link is taken out of the address');
      await checkScreen(page, 'deep-link-filled');
      await page.waitForTimeout(600);
      assert.equal(await activations(app, 'online'), 0, 'no activation without the click');
      assert.equal(await badge(page).count(), 0, 'still on the activation screen');

      await page.getByRole('button', { name: 'Activate', exact: true }).click();
      await expectBadge(page, 'Active');
      assert.equal(await activations(app, 'online'), 1);

      // A second launch with a link hands it to the running window: filled in again, still not activated.
      app.openLink(activateLink('keyhole', app.key('few-plugins')));
      await page.waitForFunction((expected) => (document.getElementById('license-key') as HTMLInputElement | null)?.value === expected, app.key('few-plugins'));
      await page.waitForTimeout(600);
      assert.equal(await activations(app, 'few-plugins'), 0);
      await checkScreen(page, 'deep-link-running-window');
    } finally {
      await app.close();
    }
  });

  test('?key= works too, and a mistyped key arrives with its format hint', async () => {
    const app = await startApp(browser);
    try {
      const { page } = app;
      const key = app.key('online');
      const typo = key.slice(0, -1) + (key.endsWith('Z') ? 'Y' : 'Z');
      await waitForApp(page);
      await openWith(page, { key: typo });
      await filledIn(page);
      assert.equal(await keyField(page).inputValue(), typo);
      assert.equal(await page.getByRole('button', { name: 'Activate', exact: true }).isDisabled(), true, 'a key that fails its check cannot be sent');
      assertIncludes(await page.locator('main').innerText(), 'probably a typo');
      await checkScreen(page, 'deep-link-typo');
    } finally {
      await app.close();
    }
  });

  test('hostile links do nothing: other verbs, script in the key, extra parts', async () => {
    const key = 'KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE';
    for (const link of [`keyhole://deactivate?key=${key}`, 'keyhole://activate?key=<img src=x onerror=alert(1)>', `otherapp://activate?key=${key}`, `keyhole://activate/../x?key=${key}`]) {
      const app = await startApp(browser, { startParams: { link } });
      try {
        const { page } = app;
        await waitForApp(page);
        await page.waitForTimeout(400);
        assert.equal(await keyField(page).inputValue(), '', link);
        assert.equal(await page.getByTestId('notice').count(), 0, link);
        app.openLink(link);
        await page.waitForTimeout(400);
        assert.equal(await keyField(page).inputValue(), '', `running window: ${link}`);
      } finally {
        await app.close();
      }
    }
  });
});
