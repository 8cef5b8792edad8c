import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { MANUAL_PAGE, panelFor } from '../../shared/errors/screen-actions.ts';
import { newInstanceId } from '../harness/authority/test-authority.ts';
import { startApp } from '../harness/browser/app-under-test.ts';
import { checkScreen, launchChromium } from '../harness/browser/chromium.ts';
import { assertIncludes, detail, expectBadge, expectError, keyField, readClipboard, waitForApp } from '../harness/browser/flows.ts';
import { activationCodeFromPage, copyActivationCode, enterActivationCode, licenseViewText, openManualPage, pageError, pendingDeactivationCode, pendingRequestCode, requestCodeFromApp } from '../harness/browser/manual-page.ts';
import { withApp } from '../harness/browser/with-app.ts';

/*
 * Offline activation as a user does it: the app in one page, the authority's manual
 * activation page in another (a connected computer), codes copied from one and pasted into the
 * other; and every refusal on both sides, in the catalog's words.
 */

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** One code to carry and one QR code on the screen, whichever cards are up (`where` names the state). */
async function assertOneCode(page: Page, where: string): Promise<void> {
  const codes = await page.locator('main .grouped-code').count();
  const qrCodes = await page.locator('main figure.qr img').count();
  assert.deepEqual({ codes, qrCodes }, { codes: 1, qrCodes: 1 }, `${where}: one code and one QR code`);
}

describe('offline activation', () => {
  test('the whole loop: request code from the app → manual page → activation code back → Active, mode Offline', async () => {
    const app = await startApp(browser);
    const { page } = app;
    const manual = { close: async () => {} };
    try {
      await waitForApp(page);
      await page.getByRole('button', { name: 'Activate offline' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'offline-license-key');
      await checkScreen(page, 'offline-step1-key');
      await page.locator('#offline-license-key').fill(app.key('offline-only').slice(0, 12));
      assert.match(await page.getByTestId('offline-key-hint').innerText(), /looks truncated/i, 'the same live check as online');
      assert.equal(await page.getByRole('button', { name: 'Create request code' }).isDisabled(), true);

      await page.locator('#offline-license-key').fill(app.key('offline-only'));
      await page.getByRole('button', { name: 'Create request code' }).click();
      await page.getByTestId('request-card').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'request-code-title');
      assertIncludes(await page.getByTestId('live-region').innerText(), 'Request code ready');
      assertIncludes(await page.getByTestId('notice').innerText(), 'Request code ready');
      await page.getByRole('button', { name: 'Copy request code' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      const requestCode = await readClipboard(page);
      assert.match(requestCode, /^KR-[0-9A-Z]{16}(-[0-9A-Z]{1,16})+$/);
      assert.equal(requestCode, (await page.getByTestId('request-code').innerText()).trim(), 'copied exactly what is shown');
      const qr = await page.getByRole('img', { name: 'QR code of the request code' }).getAttribute('src');
      assert.ok(qr?.startsWith('data:image/svg+xml'), 'the QR code is an image');
      const manualUrl = (await page.getByTestId('manual-activation-url').innerText()).trim();
      assert.equal(manualUrl, `${app.authority.url}/activate`);
      assertIncludes(await page.getByTestId('request-card').innerText(), 'support@example.com');
      await checkScreen(page, 'offline-step2-request-code');

      // On "another computer": the manual page, where the request code is pasted.
      const other = await openManualPage(browser, manualUrl);
      manual.close = other.close;
      await checkScreen(other.page, 'manual-page-activate');
      const activationCode = await activationCodeFromPage(other.page, requestCode);
      assert.match(activationCode, /^KA-/);
      assert.ok(activationCode.replace(/-/g, '').length <= 200, 'at most 200 characters, dashes aside');
      await checkScreen(other.page, 'manual-page-activation-code');

      await page.getByRole('button', { name: 'Next: enter the activation code' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'activation-code-input');
      await page.getByRole('textbox', { name: 'Activation code' }).fill(activationCode);
      assert.equal(await page.getByTestId('activation-code-hint').getAttribute('data-verdict'), 'ok');
      await checkScreen(page, 'offline-step3-activation-code');
      await page.getByRole('button', { name: 'Activate with this code' }).click();

      await expectBadge(page, 'Active');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'status-title');
      assertIncludes(await page.getByTestId('live-region').innerText(), 'License activated offline');
      assert.equal(await detail(page, 'mode'), 'Offline');
      assert.equal(await detail(page, 'plan'), 'Offline Site');
      assert.equal(await detail(page, 'expires'), 'Never expires');
      assert.equal(await page.getByTestId('plugin-audit').getAttribute('data-licensed'), 'true');
      assert.equal(await page.getByRole('button', { name: 'Re-validate now' }).count(), 0, 'nothing to re-validate offline');
      assertIncludes(await page.getByTestId('offline-mode-note').innerText(), 'never contacts the license server');
      await checkScreen(page, 'offline-status-active');

      // It stays active with no server at all.
      await app.stopAuthority();
      await page.reload();
      await waitForApp(page);
      await expectBadge(page, 'Active');
    } finally {
      await manual.close();
      await app.close();
    }
  });

  test('key + Instance ID on the page; the app hints at a truncated, mistyped or misplaced code and refuses a code for another machine', async () => {
    const app = await startApp(browser);
    const { page } = app;
    const other = await openManualPage(browser, `${app.authority.url}/activate`);
    try {
      await waitForApp(page);
      const instanceId = (await page.getByTestId('instance-id').innerText()).trim();
      const codeFor = async (id: string) => {
        await other.page.goto(`${app.authority.url}/activate`);
        await other.page.getByLabel('License key').fill(app.key('offline-only'));
        await other.page.getByLabel(/^Instance ID/).fill(id);
        await other.page.getByRole('button', { name: 'Get activation code' }).nth(1).click();
        return copyActivationCode(other.page);
      };
      const foreign = await codeFor(newInstanceId());
      const mine = await codeFor(instanceId);
      assertIncludes(await other.page.locator('main').innerText(), 'fingerprint is unknown');
      await checkScreen(other.page, 'manual-page-key-and-instance');

      await page.getByRole('button', { name: 'Activate offline' }).click();
      await page.getByRole('button', { name: 'I already have an activation code' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'activation-code-input');
      const field = page.getByRole('textbox', { name: 'Activation code' });
      const hint = page.getByTestId('activation-code-hint');
      const activate = page.getByRole('button', { name: 'Activate with this code' });

      await field.fill(`KA-${mine.slice(3).replace(/-/g, '').slice(0, -40)}`);
      assert.match(await hint.innerText(), /^The code is 40 characters short/);
      assert.equal(await activate.isDisabled(), true);
      await checkScreen(page, 'offline-hint-truncated');

      const groups = mine.split('-');
      groups[7] = (groups[7]![0] === 'X' ? 'Y' : 'X') + groups[7]!.slice(1);
      await field.fill(groups.join('-'));
      assert.match(await hint.innerText(), /^Invalid activation code format: group 7 has a typo/);
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.equal(await activate.isDisabled(), true);
      await checkScreen(page, 'offline-hint-typo');

      // A license key pasted here is moved to step 1; a request code pasted here is pointed back to the page.
      await field.fill(app.key('offline-only'));
      assert.match(await hint.innerText(), /license key, not an activation code/);
      await page.getByRole('button', { name: 'Use it as the license key (step 1)' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'offline-license-key');
      await page.getByRole('button', { name: 'Create request code' }).click();
      await page.getByRole('button', { name: 'Next: enter the activation code' }).click();
      await field.fill((await page.getByTestId('request-code').innerText()).trim());
      assert.match(await hint.innerText(), /request code, not an activation code: it belongs in the vendor's manual activation page/);
      await page.getByRole('button', { name: 'Go to the request code (step 2)' }).waitFor();
      await checkScreen(page, 'offline-hint-request-code');

      await field.fill(foreign);
      await activate.click();
      const text = await expectError(page, CATALOG.LICENSE_MISMATCH.title);
      assertIncludes(text, CATALOG.LICENSE_MISMATCH.explanation);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'problem-title');
      assertIncludes(await page.getByTestId('live-region').innerText(), CATALOG.LICENSE_MISMATCH.title);
      await checkScreen(page, 'offline-error-mismatch');

      await field.fill(mine);
      assert.equal(await page.getByTestId('error-panel').count(), 0, 'a new paste clears the old error');
      await activate.click();
      await expectBadge(page, 'Active');
      assert.equal(await detail(page, 'mode'), 'Offline');
    } finally {
      await other.close();
      await app.close();
    }
  });

  test('the manual page refuses in the catalog words: a typo names its group, an expired license, the limit reached', async () => {
    const app = await startApp(browser);
    const { page } = app;
    const other = await openManualPage(browser, `${app.authority.url}/activate`);
    try {
      await waitForApp(page);
      const submit = async (requestCode: string) => {
        await other.page.goto(`${app.authority.url}/activate`);
        await other.page.getByLabel(/^Request code/).fill(requestCode);
        await other.page.getByRole('button', { name: 'Get activation code' }).first().click();
        return pageError(other.page);
      };

      const good = await requestCodeFromApp(page, app.key('online'));
      const groups = good.split('-');
      groups[3] = (groups[3]![0] === 'X' ? 'Y' : 'X') + groups[3]!.slice(1);
      const typo = await submit(groups.join('-'));
      assert.equal(typo.title, CATALOG.REQUEST_CODE_FORMAT_INVALID.title);
      assertIncludes(typo.text, 'group 3 has a typo');
      assert.equal(await other.page.getByLabel(/^Request code/).inputValue(), groups.join('-'), 'the form comes back filled in');
      await checkScreen(other.page, 'manual-page-error-typo');

      const expired = await submit(await requestCodeFromApp(page, app.key('expired')));
      assert.equal(expired.title, CATALOG.LICENSE_EXPIRED.title);
      for (const fix of panelFor('LICENSE_EXPIRED', MANUAL_PAGE).steps) assertIncludes(expired.text, fix);
      await checkScreen(other.page, 'manual-page-error-expired');

      const full = await submit(await requestCodeFromApp(page, app.key('limit-reached')));
      assert.equal(full.title, CATALOG.ACTIVATION_LIMIT_REACHED.title);
      assertIncludes(full.text, CATALOG.ACTIVATION_LIMIT_REACHED.explanation);
      await checkScreen(other.page, 'manual-page-error-limit');
    } finally {
      await other.close();
      await app.close();
    }
  });

  test('"Cannot reach the license server" leads straight to offline activation, which needs no connection', async () => {
    // An address where nothing listens: this computer cannot reach the authority, another one can.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((done) => closed.close(() => done()));
    // Dark theme at 200 % zoom, to see the long codes wrap without sideways scrolling.
    const app = await startApp(browser, { authorityUrl: `http://127.0.0.1:${port}`, colorScheme: 'dark', zoom: 2 });
    const { page } = app;
    const other = await openManualPage(browser, `${app.authority.url}/activate`);
    try {
      await waitForApp(page);
      await page.getByLabel('License key').fill(app.key('offline-only'));
      await page.getByRole('button', { name: 'Activate', exact: true }).click();
      await expectError(page, CATALOG.SERVER_UNREACHABLE.title);
      await checkScreen(page, 'offline-from-unreachable');
      await page.getByTestId('error-panel').getByRole('button', { name: 'Activate offline' }).click();
      await page.getByRole('heading', { name: 'Activate Keyhole Demo Studio offline' }).waitFor();
      assert.equal(await page.locator('#offline-license-key').inputValue(), app.key('offline-only'), 'the key typed comes along');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'offline-license-key');
      await page.getByRole('button', { name: 'Create request code' }).click();
      await page.getByRole('button', { name: 'Copy request code' }).click();
      const requestCode = await readClipboard(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
      await checkScreen(page, 'offline-zoom-200-dark-request-code');
      await enterActivationCode(page, await activationCodeFromPage(other.page, requestCode));
      await expectBadge(page, 'Active');
      assert.equal(await detail(page, 'mode'), 'Offline');
    } finally {
      await other.close();
      await app.close();
    }
  });

  test('a request code waits across a reload and a restart: the same code on the key screen, then its activation code → Active, and the card is gone', async () => {
    await withApp(browser, async (app) => {
      const other = await openManualPage(browser, `${app.authority.url}/activate`);
      try {
        let page = app.page;
        await waitForApp(page);
        const requestCode = await requestCodeFromApp(page, app.key('offline-only'));
        assert.equal(await pendingRequestCode(page), requestCode, 'main holds the step, not the page');
        const view = await licenseViewText(page);
        for (const secret of ['KR-', requestCode, app.key('offline-only')]) assert.ok(!view.includes(secret), `the license view every window reads carries ${secret}`);

        await page.reload();
        await waitForApp(page);
        const pending = page.getByTestId('pending-request');
        await pending.waitFor();
        assert.equal((await pending.getByTestId('request-code').innerText()).trim(), requestCode, 'the same request code, not a new one');
        await pending.getByRole('button', { name: 'Copy request code' }).click();
        await page.getByRole('button', { name: 'Copied' }).waitFor();
        assert.equal(await readClipboard(page), requestCode);
        assert.ok((await pending.getByRole('img', { name: 'QR code of the request code' }).getAttribute('src'))?.startsWith('data:image/svg+xml'));
        assert.equal((await pending.getByTestId('manual-activation-url').innerText()).trim(), `${app.authority.url}/activate`);
        await pending.getByRole('button', { name: 'I already have an activation code' }).waitFor();
        await pending.getByRole('button', { name: 'Start over' }).waitFor();
        await assertOneCode(page, 'key screen with the pending request');
        await checkScreen(page, 'offline-pending-request');

        await app.restartHost();
        page = app.page;
        await waitForApp(page);
        await page.getByTestId('pending-request').waitFor();
        assert.equal((await page.getByTestId('request-code').innerText()).trim(), requestCode, 'still the same code after a restart');

        // On the connected computer, the code from before the restart still gives an activation code.
        const activationCode = await activationCodeFromPage(other.page, requestCode);
        await page.getByRole('button', { name: 'I already have an activation code' }).click();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'activation-code-input');
        assert.equal((await page.getByTestId('request-card').getByTestId('request-code').innerText()).trim(), requestCode, 'step 3 keeps its request code in view');
        await assertOneCode(page, 'step 3 of a resumed request');
        await page.getByRole('textbox', { name: 'Activation code' }).fill(activationCode);
        await page.getByRole('button', { name: 'Activate with this code' }).click();
        await expectBadge(page, 'Active');
        assert.equal(await detail(page, 'mode'), 'Offline');

        assert.equal(await pendingRequestCode(page), null, 'an accepted activation code ends the step');
        await page.reload();
        await waitForApp(page);
        await expectBadge(page, 'Active');
        await page.getByRole('button', { name: 'Change key' }).click();
        await keyField(page).waitFor();
        assert.equal(await page.getByTestId('pending-request').count(), 0, 'the key screen offers nothing left over');
      } finally {
        await other.close();
      }
    });
  });

  test('"Start over" forgets the request for good; beside a deactivation code left from before, every screen shows one code and one QR code', async () => {
    await withApp(browser, async (app) => {
      const other = await openManualPage(browser, `${app.authority.url}/activate`);
      try {
        let page = app.page;
        await waitForApp(page);
        const key = app.key('offline-only');
        await enterActivationCode(page, await activationCodeFromPage(other.page, await requestCodeFromApp(page, key)));
        await expectBadge(page, 'Active');
        await page.getByRole('button', { name: 'Deactivate this device' }).click();
        await page.getByRole('button', { name: 'Yes, deactivate' }).click();
        await page.getByTestId('deactivation-card').waitFor();
        const deactivationCode = (await pendingDeactivationCode(page)) ?? assert.fail('no deactivation code');
        await assertOneCode(page, 'key screen with the deactivation code');

        // A new request while the deactivation code waits: the request code is the one shown in full.
        const requestCode = await requestCodeFromApp(page, key);
        const reminder = page.getByTestId('deactivation-card');
        assert.equal(await reminder.getAttribute('data-compact'), 'true');
        await assertOneCode(page, 'step 2 beside a deactivation code');
        await reminder.getByRole('button', { name: 'Copy deactivation code' }).click();
        await page.getByRole('button', { name: 'Copied' }).waitFor();
        assert.equal(await readClipboard(page), deactivationCode, 'the waiting deactivation code can still be copied');
        await checkScreen(page, 'offline-request-beside-deactivation-code');
        await page.getByRole('button', { name: 'Next: enter the activation code' }).click();
        await assertOneCode(page, 'step 3 beside a deactivation code');

        await page.reload();
        await waitForApp(page);
        await page.getByTestId('pending-request').waitFor();
        assert.equal((await page.getByTestId('request-code').innerText()).trim(), requestCode);
        await assertOneCode(page, 'key screen with the pending request and a deactivation code');

        await page.getByTestId('pending-request').getByRole('button', { name: 'Start over' }).click();
        await page.getByTestId('pending-request').waitFor({ state: 'detached' });
        assertIncludes(await page.getByTestId('notice').innerText(), 'Started over');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'license-key');
        assert.equal(await page.getByTestId('deactivation-card').getAttribute('data-compact'), null, 'the deactivation code is shown in full again');
        assert.equal((await page.getByTestId('deactivation-code').innerText()).trim(), deactivationCode);
        await assertOneCode(page, 'key screen after starting over');
        assert.equal(await pendingRequestCode(page), null);

        await app.restartHost();
        page = app.page;
        await waitForApp(page);
        await page.getByTestId('deactivation-card').waitFor();
        assert.equal(await page.getByTestId('pending-request').count(), 0, 'started over stays started over after a restart');
        await page.getByRole('button', { name: 'Activate offline' }).click();
        await page.locator('#offline-license-key').waitFor();
        assert.equal(await page.getByTestId('request-card').count(), 0, 'the offline screen starts at step 1');
      } finally {
        await other.close();
      }
    });
  });
});
