import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { DAY, machine, type AppUnderTest } from '../harness/browser/app-under-test.ts';
import { withActivatedApp, withApp } from '../harness/browser/with-app.ts';
import { checkScreen, launchChromium } from '../harness/browser/chromium.ts';
import { assertIncludes, assertNamedControlsUsable, badge, detail, errorPanel, expectBadge, expectError, keyField, typeKeyAndActivate, waitForApp } from '../harness/browser/flows.ts';

/*
 * The license information dialog over a license's life: what start-up opens on when the stored
 * license fails a check, the periodic validation and its grace period, and the actions (re-validate,
 * change key, deactivate) — all against the real core and a real authority.
 */

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});


async function adminActivations(app: AppUnderTest, keyName: string): Promise<{ id: number; instance_id: string; status: string }[]> {
  const response = await fetch(`${app.authority.url}/admin/licenses/${app.key(keyName)}/activations`, {
    headers: { authorization: `Bearer ${app.authority.adminToken}` },
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { activations: { id: number; instance_id: string; status: string }[] }).activations;
}

describe('license status over time', () => {
  test('mismatch: the same app data on a different machine opens on "License key mismatch", and re-activating fixes it', async () => {
    await withActivatedApp(browser, { machine: machine('first') }, async (app) => {
      const before = (await app.page.getByTestId('instance-id').innerText()).trim();
      await app.restartHost({ machine: machine('second') });
      const { page } = app;
      await waitForApp(page);
      assert.equal(await badge(page).innerText(), 'Mismatch');
      const text = await expectError(page, CATALOG.LICENSE_MISMATCH.title);
      assertIncludes(text, 'Activate this machine again with "Activate again", online or offline.');
      await assertNamedControlsUsable(page);
      assert.equal(await detail(page, 'instance'), 'Does not match this installation');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'false');
      const now = (await page.getByTestId('instance-id').innerText()).trim();
      assert.notEqual(now, before, 'the copied data gets its own Instance ID');
      await checkScreen(page, 'startup-mismatch');

      await page.getByRole('button', { name: 'Activate again' }).click();
      await typeKeyAndActivate(page, app.key('online'));
      await expectBadge(page, 'Active');
    });
  });

  test('revoked by the admin, then "Re-validate now": Revoked, with the way back', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      const instanceId = (await page.getByTestId('instance-id').innerText()).trim();
      const mine = (await adminActivations(app, 'online')).find((a) => a.instance_id === instanceId && a.status === 'active');
      assert.ok(mine, 'the authority lists this activation');
      const revoke = await fetch(`${app.authority.url}/admin/licenses/${app.key('online')}/activations/${mine.id}/revoke`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.authority.adminToken}` },
      });
      assert.equal(revoke.status, 200);

      await page.getByRole('button', { name: 'Re-validate now' }).click();
      await expectBadge(page, 'Revoked');
      await expectError(page, CATALOG.ACTIVATION_REVOKED.title);
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'false');
      await checkScreen(page, 'revoked');
      await page.getByRole('button', { name: 'Activate again' }).waitFor();
    });
  });

  test('grace period: server gone and days pass — countdown, lease ended, then it resumes by itself', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      await app.stopAuthority();
      app.setClockOffset(2 * DAY);
      await expectBadge(page, /Working offline — \d days? left/);
      const first = Number(/(\d+) days? left/.exec(await badge(page).innerText())![1]);
      assert.ok(first >= 4 && first <= 6, `about five days left, got ${first}`);
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'true', 'features stay on');
      await expectError(page, CATALOG.GRACE_PERIOD.title);
      await checkScreen(page, 'grace-countdown');

      app.setClockOffset(4 * DAY);
      await expectBadge(page, `Working offline — ${first - 2} day${first - 2 === 1 ? '' : 's'} left`);

      app.setClockOffset(8 * DAY);
      await expectBadge(page, 'Offline too long');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'false', 'features off after the lease');
      await checkScreen(page, 'grace-lease-ended');

      // The server answers again (its clock agrees with the app's): everything resumes with no click.
      await app.startAuthority(8 * DAY);
      await expectBadge(page, 'Active');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'true');
      assertIncludes(await page.getByTestId('live-region').innerText(), 'Active');
      await checkScreen(page, 'grace-resumed');
    });
  });

  test('clock set back: "System clock was set back", and back to normal once the clock is right', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      app.setClockOffset(-2 * DAY);
      await page.reload();
      await waitForApp(page);
      await expectBadge(page, 'Clock set back');
      await expectError(page, CATALOG.CLOCK_ROLLBACK.title);
      assert.equal(await page.getByRole('button', { name: 'Re-validate now' }).getAttribute('class'), 'primary', 'the action that helps comes first');
      assertIncludes(await errorPanel(page).innerText(), 'Then choose "Re-validate now".');
      await assertNamedControlsUsable(page);
      await checkScreen(page, 'startup-clock-rollback');
      app.setClockOffset(0);
      await expectBadge(page, 'Active');
    });
  });

  test('a clock that once ran ahead does not lock the app out: set right again, the next validation makes it active', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      app.setClockOffset(2 * 3_600_000);
      await page.reload();
      await waitForApp(page);
      await expectBadge(page, 'Active');
      app.setClockOffset(0);
      // The highest time seen is two hours ahead now; only the authority's signed time brings it
      // down, which the watch's next validation (every 200 ms here) fetches.
      await page.waitForTimeout(1500);
      await page.reload();
      await waitForApp(page);
      await expectBadge(page, 'Active');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'true');
    });
  });

  test('slot freed from elsewhere, then "Re-validate now": Removed, features off, and "Activate again" brings them back', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      const instanceId = (await page.getByTestId('instance-id').innerText()).trim();
      const freed = await fetch(`${app.authority.url}/license/deactivate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ license_key: app.key('online'), instance_id: instanceId }),
      });
      assert.equal(freed.status, 200);

      await page.getByRole('button', { name: 'Re-validate now' }).click();
      await expectBadge(page, 'Removed');
      const text = await expectError(page, CATALOG.ACTIVATION_REMOVED.title);
      assertIncludes(text, 'If this device should be licensed, activate it again with "Activate again".');
      await assertNamedControlsUsable(page);
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'false');
      await page.getByRole('button', { name: 'Activate again' }).click();
      await typeKeyAndActivate(page, app.key('online'));
      await expectBadge(page, 'Active');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'true');
    });
  });

  test('unreadable store: a damaged license file opens on "Local license data is unreadable", kept aside, and re-activation recovers', async () => {
    await withActivatedApp(browser, async (app) => {
      await app.restartHost({ whileStopped: (dir) => writeFileSync(join(dir, 'license.json'), 'this is not the encrypted store') });
      const { page } = app;
      await waitForApp(page);
      assert.equal(await badge(page).innerText(), 'Unreadable');
      const text = await expectError(page, CATALOG.STORE_UNREADABLE.title);
      assertIncludes(text, 'kept aside');
      assert.ok(readdirSync(app.appDataDir).some((name) => name.includes('.unreadable-')), 'the damaged file was kept');
      await checkScreen(page, 'startup-unreadable-store');
      await page.getByRole('button', { name: 'Activate again' }).click();
      await typeKeyAndActivate(page, app.key('online'));
      await expectBadge(page, 'Active');
    });
  });

  test('deactivate this device: confirm, the slot is freed on the server, and the wizard is back', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      const instanceId = (await page.getByTestId('instance-id').innerText()).trim();
      // A healthy license needs nothing: no main button, and Deactivate is no red button beside the others.
      assert.equal(await page.locator('.actions-card button.primary').count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Deactivate this device' }).getAttribute('class'), 'secondary');
      await page.getByRole('button', { name: 'Deactivate this device' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirm-deactivate');
      await page.keyboard.press('Escape');
      assert.equal(await page.getByRole('button', { name: 'Yes, deactivate' }).count(), 0, 'Escape backs out of the question');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'deactivate');
      await page.getByRole('button', { name: 'Deactivate this device' }).click();
      await checkScreen(page, 'deactivate-confirm');
      await page.getByRole('button', { name: 'Yes, deactivate' }).click();
      await page.getByRole('heading', { name: /Activate Keyhole Demo Studio/ }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'license-key');
      assertIncludes(await page.getByTestId('live-region').innerText(), 'deactivated');
      assertIncludes(await page.getByTestId('notice').innerText(), 'This device was deactivated');
      const mine = (await adminActivations(app, 'online')).filter((a) => a.instance_id === instanceId);
      assert.ok(mine.length > 0 && mine.every((a) => a.status !== 'active'), 'no active slot left for this machine');
      await checkScreen(page, 'deactivated');
    });
  });

  test('change key: another key replaces the license and the old slot is freed', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      const instanceId = (await page.getByTestId('instance-id').innerText()).trim();
      await page.getByRole('button', { name: 'Change key' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'license-key');
      await checkScreen(page, 'change-key');
      await typeKeyAndActivate(page, app.key('few-plugins'));
      await expectBadge(page, 'Active');
      assertIncludes(await page.getByTestId('notice').innerText(), 'Key changed');
      assert.equal(await detail(page, 'plan'), 'Starter');
      assert.equal(await page.getByTestId('plugin-reports').getAttribute('data-licensed'), 'true');
      assert.equal(await page.getByTestId('plugin-sync').getAttribute('data-licensed'), 'false');
      const old = (await adminActivations(app, 'online')).filter((a) => a.instance_id === instanceId);
      assert.ok(old.every((a) => a.status !== 'active'), 'the old key no longer holds a slot here');
      await checkScreen(page, 'change-key-done');
    });
  });

  test('air-gapped license: status shows the mode and "Never expires"', async () => {
    await withActivatedApp(browser, {}, 'airgapped', async (app) => {
      const { page } = app;
      assert.equal(await detail(page, 'mode'), 'Air-gapped');
      assert.equal(await detail(page, 'expires'), 'Never expires');
      assert.equal(await detail(page, 'activations'), '1/3');
      await checkScreen(page, 'status-airgapped');
    });
  });
});

describe('keyboard, theme and zoom', () => {
  test('keyboard only: type the key, activate, re-validate, all without a mouse', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await waitForApp(page);
      // The key field has the focus from the start: typing (or Ctrl+V) needs no Tab first.
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'license-key');
      await page.keyboard.type(app.key('online'));
      await page.keyboard.press('Enter');
      await expectBadge(page, 'Active');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'status-title');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Re-validate now');
      await page.keyboard.press('Enter');
      await page.getByTestId('live-region').filter({ hasText: 'Re-validated' }).waitFor();
      assert.equal(await badge(page).innerText(), 'Active');
      await checkScreen(page, 'keyboard-only');
    });
  });

  test('dark theme at 200 % zoom: nothing is cut off or needs sideways scrolling', async () => {
    await withApp(browser, { colorScheme: 'dark', zoom: 2 }, async (app) => {
      const { page } = app;
      await waitForApp(page);
      await keyField(page).fill(app.key('online').slice(0, 12));
      await checkScreen(page, 'zoom-200-dark-activate');
      await typeKeyAndActivate(page, app.key('online'));
      await expectBadge(page, 'Active');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
      await checkScreen(page, 'zoom-200-dark-status');
    });
  });
});
