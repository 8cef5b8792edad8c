import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { panelFor, type PlaceContext } from '../../shared/errors/screen-actions.ts';
import { startApp } from '../harness/browser/app-under-test.ts';
import { withApp } from '../harness/browser/with-app.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { checkScreen, launchChromium } from '../harness/browser/chromium.ts';
import { assertIncludes, assertNamedControlsUsable, badge, detail, expectBadge, expectError, keyField, readClipboard, typeKeyAndActivate, waitForApp } from '../harness/browser/flows.ts';

/*
 * The activation wizard against a real demo authority and the real core, through the browser host:
 * the happy path, the Instance ID, the live format hints, and every error the server can answer.
 */

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

describe('activating online', () => {
  test('happy path: a valid key activates and the status view shows the license without a restart', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await waitForApp(page);
      await page.getByRole('heading', { name: /Activate Keyhole Demo Studio/ }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'license-key', 'a paste lands in the key field at once');
      await checkScreen(page, 'activation-start');

      await typeKeyAndActivate(page, app.key('online'));
      await expectBadge(page, 'Active');
      await checkScreen(page, 'activation-happy-status');
      assert.equal(await detail(page, 'plan'), 'Studio Pro');
      assert.equal(await detail(page, 'activations'), '1/5');
      assert.equal(await detail(page, 'mode'), 'Online');
      assert.equal(await page.getByTestId('technical-details').getAttribute('open'), null, 'technical rows are folded away');
      assert.equal(await page.getByText('License format version').isVisible(), false);
      assert.equal((await page.getByTestId('detail-format').locator('dd').textContent())?.trim(), '1', 'still there, one click away');
      assert.notEqual(await detail(page, 'lease'), '', 'an online license says how long it works offline');
      assert.doesNotMatch(await detail(page, 'lease'), /\d{4}-\d\d-\d\dT/);
      assert.equal(await detail(page, 'instance'), 'Matches this installation');
      assert.notEqual(await detail(page, 'expires'), 'Never expires');
      assert.equal(await detail(page, 'key'), redactLicenseKey(app.key('online')), 'the key as support sees it, never whole');
      for (const [id, licensed] of [['reports', 'true'], ['audit', 'true'], ['sso', 'false'], ['export-pro', 'false']]) {
        assert.equal(await page.getByTestId(`plugin-${id}`).getAttribute('data-licensed'), licensed, id);
      }
      // Focus moved to what changed, and the change was announced.
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'status-title');
      assertIncludes(await page.getByTestId('live-region').innerText(), 'License activated');

      // A reload opens directly on the evaluated state (no wizard first).
      await page.reload();
      await waitForApp(page);
      assert.equal(await badge(page).innerText(), 'Active');
    });
  });

  test('copy Instance ID: the button copies the grouped ID and says "Copied"', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await waitForApp(page);
      const shown = (await page.getByTestId('instance-id').innerText()).trim();
      assert.match(shown, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await page.getByRole('button', { name: 'Copy Instance ID' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      await checkScreen(page, 'instance-id-copied');
      assert.equal(await readClipboard(page), shown);
    });
  });

  test('format hints as you type: truncated, wrong character, typo, too long, Instance ID and activation code pasted', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await waitForApp(page);
      const key = app.key('online');
      const instanceId = (await page.getByTestId('instance-id').innerText()).trim();
      const activate = page.getByRole('button', { name: 'Activate', exact: true });
      const hint = page.getByTestId('key-hint');
      const swapped = key.slice(0, -2) + key.slice(-1) + key.slice(-2, -1);
      const cases: [string, string, string, RegExp][] = [
        ['truncated', key.slice(0, 15), 'typing', /looks truncated: \d+ of 25 characters/i],
        ['foreign-character', key.replace(/-(.)/, '-#'), 'invalid', /"#" at position \d+ is not a character/],
        ['typo', swapped === key ? key.slice(0, -1) + 'Z' : swapped, 'invalid', /check character does not match/],
        ['too-long', `${key}AB`, 'invalid', /too long: 27 of 25 characters/],
        ['instance-id', instanceId, 'invalid', /looks like an Instance ID, not a license key/],
        ['activation-code', `KA-${'0123456789'.repeat(3)}`, 'invalid', /activation code, not a license key: it belongs in Offline activation/],
      ];
      for (const [name, text, verdict, expected] of cases) {
        await keyField(page).fill(text);
        assert.equal(await hint.getAttribute('data-verdict'), verdict, name);
        assert.match(await hint.innerText(), expected, name);
        assert.equal(await activate.isDisabled(), true, `${name}: Activate stays disabled`);
        await checkScreen(page, `hint-${name}`);
      }
      // The Instance ID pasted here points back to where it belongs.
      await keyField(page).fill(instanceId);
      await page.getByRole('button', { name: /Go to this computer.s Instance ID/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'copy-instance-id');

      // Forgiving about presentation: lower case, spaces, no prefix dashes.
      await keyField(page).fill(`  ${key.toLowerCase().replace(/-/g, ' ')}  `);
      assert.equal(await hint.getAttribute('data-verdict'), 'ok');
      assert.equal(await activate.isDisabled(), false);
      await checkScreen(page, 'hint-well-formed');
    });
  });

  // The key screen of the demo: offline activation and a renew page exist, nothing is activated yet.
  const KEY_SCREEN: PlaceContext = { place: 'activate', failed: true, hasCertificate: false, callsOut: false, featuresOff: true, offlineActivation: true, renewUrl: true };

  for (const [name, code] of [
    ['expired', 'LICENSE_EXPIRED'],
    ['deactivated', 'LICENSE_DEACTIVATED'],
    ['limit-reached', 'ACTIVATION_LIMIT_REACHED'],
  ] as const) {
    test(`${name} key: the catalog's error panel with its causes, numbered fixes and support details`, async () => {
      await withApp(browser, async (app) => {
        const { page } = app;
        await waitForApp(page);
        await typeKeyAndActivate(page, app.key(name));
        const entry = CATALOG[code];
        const text = await expectError(page, entry.title);
        assertIncludes(text, entry.explanation);
        // The steps written for the key screen: none of them sends the user to a button this screen lacks.
        const steps = await assertNamedControlsUsable(page);
        assert.deepEqual(steps, [...panelFor(code, KEY_SCREEN).steps]);
        assert.doesNotMatch(steps.join(' '), /"(Re-validate now|Change key)"/);
        assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 0, 'retrying cannot fix this, so it is not offered');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'problem-title');
        assertIncludes(await page.getByTestId('live-region').innerText(), entry.title);
        await checkScreen(page, `error-${name}`);

        // "Copy details for support" copies at once and says so (the preview is one click away, support.test.ts).
        await page.getByRole('button', { name: 'Copy details for support' }).click();
        await page.getByRole('button', { name: 'Copied: paste it into your message to support' }).waitFor();
        assert.equal(await page.getByTestId('support-dialog').count(), 0, 'no dialog in the way');
        const details = JSON.parse(await readClipboard(page));
        assert.equal(details.actionError.error.code, code);
        assert.equal(details.seen.state, 'not_activated');
        // The authority's request id, on the panel and in the details, names its log line.
        const requestId = details.actionError.error.details.requestId;
        assert.match(requestId, /^[A-Za-z0-9._-]{8,64}$/);
        assert.equal(await page.getByTestId('request-id').innerText(), `Reference for support: ${requestId}`);
        assert.ok(!JSON.stringify(details).includes(app.key(name)), 'the license key is never in the support details');
      });
    });
  }

  test('invalid key: a well-formed key the server does not know is "Invalid license key"', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await waitForApp(page);
      const { generateLicenseKey } = await import('../../shared/format/license-key.ts');
      await typeKeyAndActivate(page, generateLicenseKey());
      const text = await expectError(page, CATALOG.LICENSE_INVALID.title);
      assertIncludes(text, CATALOG.LICENSE_INVALID.explanation);
      await checkScreen(page, 'error-invalid');
    });
  });

  test('server down during activation: "Cannot reach the license server", retry works once it is back, offline path offered', async () => {
    await withApp(browser, async (app) => {
      const { page } = app;
      await waitForApp(page);
      await app.stopAuthority();
      await typeKeyAndActivate(page, app.key('online'));
      const text = await expectError(page, CATALOG.SERVER_UNREACHABLE.title);
      assertIncludes(text, 'could not connect to');
      const offline = page.getByRole('button', { name: 'Activate offline' });
      assert.equal(await offline.isDisabled(), false, 'the offline path leads somewhere (tests/e2e/offline.test.ts walks it)');
      assertIncludes(await page.locator('#offline-note').innerText(), 'This computer needs no connection');
      assert.equal(await page.getByRole('button', { name: 'Retry' }).getAttribute('class'), 'primary', 'retrying can help here, so it leads');
      await assertNamedControlsUsable(page);
      await checkScreen(page, 'error-server-down');

      await app.startAuthority();
      await page.getByRole('button', { name: 'Retry' }).click();
      await expectBadge(page, 'Active');
    });
  });

  test('cancel: an activation the server never answers can be cancelled, and nothing changes', async () => {
    // A server that accepts the connection and then stays silent.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    const app = await startApp(browser, { authorityUrl: `http://127.0.0.1:${port}` });
    try {
      const { page } = app;
      await waitForApp(page);
      await typeKeyAndActivate(page, app.key('online'));
      await page.getByTestId('activation-progress').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'cancel-activation');
      await checkScreen(page, 'activation-in-progress');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByTestId('activation-progress').waitFor({ state: 'detached' });
      assertIncludes(await page.getByTestId('live-region').innerText(), 'Activation cancelled');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'license-key');
      assert.equal(await page.getByTestId('error-panel').count(), 0);
      await page.reload();
      await page.getByRole('heading', { name: /Activate Keyhole Demo Studio/ }).waitFor();
    } finally {
      await app.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => silent.close(() => done()));
    }
  });
});
