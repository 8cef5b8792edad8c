import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { DAY, machine, startApp } from '../harness/browser/app-under-test.ts';
import { withApp } from '../harness/browser/with-app.ts';
import { checkScreen, launchChromium } from '../harness/browser/chromium.ts';
import { assertIncludes, badge, detail, expectBadge, readClipboard, typeKeyAndActivate, waitForApp } from '../harness/browser/flows.ts';
import { activationCodeFromPage, enterActivationCode, openManualPage, orderLicense, pageError, pendingDeactivationCode, requestCodeFromApp } from '../harness/browser/manual-page.ts';

/*
 * The licenses that live without the server: air-gapped (one online activation, then
 * never a call) with the authority gone and the clock moved on, and offline deactivation, whose
 * code frees the slot that a second installation then takes.
 */

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** Lets the app's periodic check run a few times (tickMs is 200 in E2E). */
const someTicks = () => new Promise((resolve) => setTimeout(resolve, 1000));

describe('air-gapped', () => {
  test('the demo air-gapped key: activated online once, then Active with the authority stopped, years later', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await waitForApp(page);
      await typeKeyAndActivate(page, app.key('airgapped'));
      await expectBadge(page, 'Active');
      await app.stopAuthority();
      app.setClockOffset(3 * 365 * DAY);
      await page.reload();
      await waitForApp(page);
      await someTicks();
      assert.equal(await badge(page).innerText(), 'Active');
      assert.equal(await detail(page, 'mode'), 'Air-gapped');
      assert.equal(await detail(page, 'expires'), 'Never expires');
      assert.equal(await page.getByRole('button', { name: 'Re-validate now' }).count(), 0);
      assertIncludes(await page.getByTestId('offline-mode-note').innerText(), 'never contacts the license server');
      assert.equal(await page.getByTestId('error-panel').count(), 0, 'no grace period, no "cannot reach"');
      await checkScreen(page, 'airgapped-authority-stopped');
    });
  });

  test('an air-gapped license that expires: Active close to its expiry with no server, Expired after it', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await waitForApp(page);
      const { key } = await orderLicense(app, { name: 'Site 30 days', activation_limit: 2, expiry: { value: 30, unit: 'days' }, mode: 'airgapped', plugins: ['reports'] });
      await typeKeyAndActivate(page, key);
      await expectBadge(page, 'Active');
      const expires = await detail(page, 'expires');
      assert.notEqual(expires, 'Never expires');
      await app.stopAuthority();

      app.setClockOffset(29 * DAY);
      await page.reload();
      await waitForApp(page);
      await someTicks();
      assert.equal(await badge(page).innerText(), 'Active');
      assert.equal(await detail(page, 'expires'), expires);
      assertIncludes(await page.getByTestId('offline-mode-note').innerText(), 'it works until');
      await checkScreen(page, 'airgapped-near-expiry');

      app.setClockOffset(31 * DAY);
      await expectBadge(page, 'Expired');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'false');
    });
  });
});

describe('offline deactivation', () => {
  test('deactivate offline → deactivation code (kept across a restart) → handed in on the page → a second installation takes the slot', async () => {
    const app = await startApp(browser, { machine: machine('first') });
    const other = await openManualPage(browser, `${app.authority.url}/activate`);
    try {
      let page = app.page;
      await waitForApp(page);
      const { key } = await orderLicense(app, { name: 'One seat offline', activation_limit: 1, expiry: null, mode: 'offline', plugins: ['reports'] });
      await enterActivationCode(page, await activationCodeFromPage(other.page, await requestCodeFromApp(page, key)));
      await expectBadge(page, 'Active');

      await page.getByRole('button', { name: 'Deactivate this device' }).click();
      assertIncludes(await page.locator('#confirm-text').innerText(), 'deactivation code');
      await checkScreen(page, 'offline-deactivate-confirm');
      await page.getByRole('button', { name: 'Yes, deactivate' }).click();
      const card = page.getByTestId('deactivation-card');
      await card.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'deactivation-code-title');
      assertIncludes(await page.getByTestId('live-region').innerText(), 'deactivated');
      await page.getByRole('heading', { name: /Activate Keyhole Demo Studio/ }).waitFor();
      await page.getByRole('button', { name: 'Copy deactivation code' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      const code = await readClipboard(page);
      assert.match(code, /^KD-/);
      assert.ok(await page.getByRole('img', { name: 'QR code of the deactivation code' }).isVisible());
      const deactivateUrl = (await page.getByTestId('manual-deactivation-url').innerText()).trim();
      assert.equal(deactivateUrl, `${app.authority.url}/deactivate`);
      await checkScreen(page, 'offline-deactivation-code');

      // The code survives a restart, until dismissed.
      await app.restartHost();
      page = app.page;
      await waitForApp(page);
      assert.equal((await page.getByTestId('deactivation-code').innerText()).trim(), code);
      assert.equal(await pendingDeactivationCode(page), code);

      // A second installation finds the one slot taken until the code is handed in.
      await app.restartHost({
        machine: machine('second'),
        whileStopped: (dir) => readdirSync(dir).forEach((name) => rmSync(join(dir, name), { recursive: true, force: true })),
      });
      page = app.page;
      await waitForApp(page);
      assert.equal(await pendingDeactivationCode(page), null, 'a fresh installation has no code to hand in');
      assert.equal(await page.getByTestId('deactivation-card').count(), 0);
      const secondRequest = await requestCodeFromApp(page, key);
      await other.page.goto(`${app.authority.url}/activate`);
      await other.page.getByLabel(/^Request code/).fill(secondRequest);
      await other.page.getByRole('button', { name: 'Get activation code' }).first().click();
      assert.equal((await pageError(other.page)).title, CATALOG.ACTIVATION_LIMIT_REACHED.title);

      await other.page.goto(deactivateUrl);
      await other.page.getByLabel('Deactivation code').fill(code);
      await other.page.getByRole('button', { name: 'Free the activation slot' }).click();
      await other.page.getByRole('heading', { name: 'Activation slot freed' }).waitFor();
      assertIncludes(await other.page.locator('main').innerText(), '0 of 1 in use');
      await checkScreen(other.page, 'manual-page-slot-freed');

      await other.page.goto(`${app.authority.url}/activate`);
      await enterActivationCode(page, await activationCodeFromPage(other.page, secondRequest));
      await expectBadge(page, 'Active');
      assert.equal(await detail(page, 'mode'), 'Offline');
    } finally {
      await other.close();
      await app.close();
    }
  });

  test('dismissing the deactivation code asks first, and it stays dismissed after a restart', async () => {
    const app = await startApp(browser);
    const other = await openManualPage(browser, `${app.authority.url}/activate`);
    try {
      let page = app.page;
      await waitForApp(page);
      await enterActivationCode(page, await activationCodeFromPage(other.page, await requestCodeFromApp(page, app.key('offline-only'))));
      await expectBadge(page, 'Active');
      await page.getByRole('button', { name: 'Deactivate this device' }).click();
      await page.getByRole('button', { name: 'Yes, deactivate' }).click();
      await page.getByTestId('deactivation-card').waitFor();
      await page.getByRole('button', { name: 'I handed it in: dismiss' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirm-dismiss-deactivation');
      await checkScreen(page, 'offline-dismiss-confirm');
      await page.getByRole('button', { name: 'Yes, dismiss' }).click();
      await page.getByTestId('deactivation-card').waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'activate-title');
      await app.restartHost();
      page = app.page;
      await waitForApp(page);
      await page.getByRole('heading', { name: /Activate Keyhole Demo Studio/ }).waitFor();
      assert.equal(await pendingDeactivationCode(page), null);
      assert.equal(await page.getByTestId('deactivation-card').count(), 0);
    } finally {
      await other.close();
      await app.close();
    }
  });
});
