import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { instanceIdFromDigest } from '../../shared/format/instance-id.ts';
import { startApp } from '../harness/browser/app-under-test.ts';
import { checkScreen, launchChromium } from '../harness/browser/chromium.ts';
import { assertIncludes, assertNamedControlsUsable, expectBadge, expectError, typeKeyAndActivate, waitForApp } from '../harness/browser/flows.ts';
import { openManualPage, orderLicense } from '../harness/browser/manual-page.ts';

/*
 * Self-service slot recovery as a customer walks it: the limit is reached, the app lists the
 * machines on the license, the customer frees "Other workstation" and this machine activates in
 * the same flow; and on the manual page, the slot of a machine running the app is freed and that
 * machine loses its license at its next validation.
 */

// The machine the demo's limit-reached license is active on (server/demo/demo-licenses.ts).
const otherMachine = instanceIdFromDigest(new Uint8Array(createHash('sha256').update('keyhole-demo-other-machine').digest()));

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

describe('self-service slot recovery', () => {
  test('limit reached → "Free a slot" → free "Other workstation" → this machine activates; the other loses it', async () => {
    const app = await startApp(browser);
    try {
      const { page } = app;
      await waitForApp(page);
      await typeKeyAndActivate(page, app.key('limit-reached'));
      await expectError(page, 'Activation limit reached');
      await assertNamedControlsUsable(page);
      const free = page.getByRole('button', { name: 'Free a slot' });
      assert.match((await free.getAttribute('class')) ?? '', /primary/, '"Free a slot" is the way out');
      await checkScreen(page, 'slots-limit-reached');

      await free.click();
      const row = page.getByTestId('slot').filter({ hasText: 'Other workstation' });
      await row.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'slots-title');
      const text = await row.innerText();
      assertIncludes(text, 'Windows 11');
      assertIncludes(text, 'Online');
      assertIncludes(text, `ends in ${otherMachine.slice(-4)}`);
      assert.equal(await row.getAttribute('data-this-machine'), 'false', 'another machine is not marked as this one');
      assert.doesNotMatch(text, /This machine/);
      assert.ok(!(await page.content()).includes(otherMachine), "the other machine's Instance ID is never shown in full");
      assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT/, 'last seen in the user\'s locale');
      await checkScreen(page, 'slots-list');

      await row.getByRole('button', { name: 'Free this slot' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirm-free-slot');
      assertIncludes(await row.innerText(), 'Free the slot of “Other workstation”?');
      await checkScreen(page, 'slots-confirm');
      await page.keyboard.press('Escape');
      assert.equal(await row.getByRole('button', { name: 'Yes, free it' }).count(), 0, 'Escape keeps it');
      await row.getByRole('button', { name: 'Free this slot' }).click();
      await row.getByRole('button', { name: 'Yes, free it' }).click();

      await expectBadge(page, 'Active');
      assertIncludes(await page.getByTestId('notice').innerText(), 'The slot of Other workstation is free.');
      await checkScreen(page, 'slots-freed-active');

      const answer = await (await fetch(`${app.authority.url}/license/validate`, {
        method: 'POST',
        body: JSON.stringify({ license_key: app.key('limit-reached'), instance_id: otherMachine }),
      })).json() as { valid: boolean; code: string };
      assert.deepEqual([answer.valid, answer.code], [false, 'NOT_ACTIVATED'], 'the freed machine loses its license at its next validation');
    } finally {
      await app.close();
    }
  });

  test('manual page: the slot of a machine running the app is freed with the key; the app loses its license at its next validation', async () => {
    const app = await startApp(browser, { instanceName: 'Old laptop' });
    const manual = { close: async () => {} };
    try {
      const { page } = app;
      const { key } = await orderLicense(app, { name: 'One seat', activation_limit: 1, expiry: null, mode: 'online', plugins: ['reports'] });
      await waitForApp(page);
      await typeKeyAndActivate(page, key);
      await expectBadge(page, 'Active');

      Object.assign(manual, await openManualPage(browser, `${app.authority.url}/free-slot`));
      const form = (manual as unknown as { page: typeof page }).page;
      await form.getByLabel('License key').fill(key);
      await form.getByRole('button', { name: 'Show machines' }).click();
      await form.getByRole('heading', { name: 'Old laptop' }).waitFor();
      await checkScreen(form, 'manual-slots-list');
      await form.getByRole('button', { name: 'Free the slot of Old laptop' }).click();
      await form.getByRole('heading', { name: 'Free the slot of “Old laptop”?' }).waitFor();
      await checkScreen(form, 'manual-slots-confirm');
      await form.getByRole('button', { name: 'Yes, free it' }).click();
      await form.getByRole('heading', { name: 'Activation slot freed' }).waitFor();
      await checkScreen(form, 'manual-slots-freed');

      await page.getByRole('button', { name: 'Re-validate now' }).click();
      await expectBadge(page, 'Removed');
      await checkScreen(page, 'slots-freed-elsewhere');
    } finally {
      await manual.close();
      await app.close();
    }
  });
});
