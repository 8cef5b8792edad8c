import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { DAY } from '../harness/browser/app-under-test.ts';
import { checkScreen, launchChromium } from '../harness/browser/chromium.ts';
import { assertIncludes, assertNamedControlsUsable, detail, errorPanel, expectBadge, expectError, keyField, typeKeyAndActivate, waitForApp } from '../harness/browser/flows.ts';
import { withApp } from '../harness/browser/with-app.ts';

/*
 * The verified trial in Chromium against the demo authority (its 14-day "Studio Trial" of Reports
 * and Scripting): started on the first screen without a key, counted down on the status view,
 * converted by entering a bought key, refused a second time, and ended by moving the app's clock.
 */

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function startTrial(page: Page): Promise<void> {
  await waitForApp(page);
  const offer = page.getByTestId('trial-offer');
  assertIncludes(await offer.innerText(), `${CATALOG.TRIAL_NEEDS_INTERNET.title}.`);
  await page.getByRole('button', { name: 'Start free trial' }).click();
  await expectBadge(page, 'Active');
}

describe('free trial', () => {
  test('Start free trial, the countdown and what it includes, then a bought key converts it; the machine cannot start a second trial', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await startTrial(page);
      const countdown = page.getByTestId('trial-countdown');
      assert.equal(await countdown.getByRole('heading').innerText(), 'Trial: 14 days left');
      const ends = await page.getByTestId('trial-ends').innerText();
      const expected = await page.evaluate(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(Date.now() + 14 * 86_400_000)));
      assert.equal(ends, expected, 'the end date in the user\'s locale');
      assertIncludes(await countdown.innerText(), 'It includes Reports, Scripting.');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'true');
      assert.equal(await page.getByTestId('plugin-scripting').getAttribute('data-licensed'), 'true');
      assert.equal(await page.getByTestId('plugin-sync').getAttribute('data-licensed'), 'false');
      assert.equal(await detail(page, 'mode'), 'Free trial');
      assert.equal(await detail(page, 'plan'), 'Studio Trial');
      await countdown.getByRole('button', { name: 'Buy' }).waitFor();
      await checkScreen(page, 'trial-running');

      await countdown.getByRole('button', { name: 'Enter a license key' }).click();
      await typeKeyAndActivate(page, app.key('online'));
      await expectBadge(page, 'Active');
      await page.getByTestId('detail-plan').filter({ hasText: 'Studio Pro' }).waitFor();
      assert.equal(await detail(page, 'mode'), 'Online');
      assert.equal(await page.getByTestId('trial-countdown').count(), 0);
      assert.equal(await page.getByTestId('plugin-sync').getAttribute('data-licensed'), 'true');
      await checkScreen(page, 'trial-converted');

      // Free the bought key's slot: the key screen offers a trial again, and the authority refuses it.
      await page.getByRole('button', { name: 'Deactivate this device' }).click();
      await page.getByRole('button', { name: 'Yes, deactivate' }).click();
      await keyField(page).waitFor();
      await page.getByRole('button', { name: 'Start free trial' }).click();
      const text = await expectError(page, CATALOG.TRIAL_ALREADY_USED.title);
      assertIncludes(text, 'this Instance ID started a trial on');
      const panel = errorPanel(page);
      await panel.getByRole('button', { name: 'Buy' }).waitFor();
      await panel.getByRole('button', { name: 'Enter a license key' }).waitFor();
      await assertNamedControlsUsable(page);
      await checkScreen(page, 'trial-already-used');
      await panel.getByRole('button', { name: 'Enter a license key' }).click();
      await page.waitForFunction(() => document.activeElement?.id === 'license-key');
    });
  });

  test('a trial past its end: "Your trial has ended" with Buy and Enter a license key, and a bought key brings the features back', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await startTrial(page);
      app.setClockOffset(15 * DAY);
      await expectBadge(page, 'Expired');
      const text = await expectError(page, CATALOG.TRIAL_ENDED.title);
      assert.ok(!text.includes(CATALOG.LICENSE_EXPIRED.title), 'an ended trial is not called an expired license');
      assertIncludes(text, 'Choose "Buy" to buy a license.');
      assertIncludes(text, 'Then choose "Enter a license key" and activate the key you received.');
      const panel = errorPanel(page);
      assert.deepEqual(await panel.locator('.actions button[data-action]').allInnerTexts(), ['Buy', 'Enter a license key']);
      assert.deepEqual(await page.locator('main button.primary').allInnerTexts(), ['Buy'], 'one main action on the screen: "Activate again" stands beside it, not as a second one');
      assert.equal(await page.getByRole('button', { name: 'Activate again' }).getAttribute('class'), 'secondary');
      await assertNamedControlsUsable(page);
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'false');
      await checkScreen(page, 'trial-ended');

      // Fifteen days on for the authority too (a real customer's and server's clocks agree): putting
      // the app's clock back instead would make the trial current again under the next tick.
      await app.stopAuthority();
      await app.startAuthority(15 * DAY);
      await panel.getByRole('button', { name: 'Enter a license key' }).click();
      await typeKeyAndActivate(page, app.key('online'));
      await expectBadge(page, 'Active');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'true');
    });
  });
});
