import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createAppHost } from '../../node-core/app/app-host.ts';
import { startBrowserHost } from '../../node-core/browser-host/browser-host.ts';
import { FINGERPRINT_FILE_ENV } from '../../node-core/fingerprint/identifier-source.ts';
import { closedPort } from '../harness/core/loopback.ts';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { CATALOG, type ErrorCode } from '../../shared/errors/catalog.ts';
import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { createDoor } from '../../shared/ipc/door.ts';
import { checkBundle, type SupportBundle } from '../../shared/support/bundle.ts';
import { openReplay } from '../harness/browser/replay-under-test.ts';
import { DAY, ensureBuilt, machine, type AppUnderTest } from '../harness/browser/app-under-test.ts';
import { withActivatedApp, withApp } from '../harness/browser/with-app.ts';
import { checkScreen, launchChromium, openContext } from '../harness/browser/chromium.ts';
import { badge, expectBadge, expectError, readClipboard, typeKeyAndActivate, waitForApp } from '../harness/browser/flows.ts';

/*
 * Support bundles made by the real app in Chromium (real core, real demo authority, browser host):
 * the user sees what is in a bundle before copying or saving it; a bundle saved in each state
 * support meets reproduces to the same code with the `keyhole` CLI and replays to the same screen;
 * and no bundle or log line ever holds the full key or a raw serial planted through
 * KEYHOLE_FINGERPRINT_FILE.
 */

const KEYHOLE_BIN = fileURLToPath(new URL('../../bin/keyhole.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let browser: Browser;
let scratch: string;
before(async () => {
  browser = await launchChromium();
  scratch = mkdtempSync(join(tmpdir(), 'keyhole-e2e-bundles-'));
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const dialog = (page: Page) => page.getByTestId('support-dialog');

/** Opens the dialog from `button`, checks the preview, saves the bundle as the browser downloads it. */
async function saveBundle(page: Page, name: string, button = page.getByRole('button', { name: 'See what is in it' }).first()): Promise<{ file: string; bundle: SupportBundle; preview: string }> {
  await button.click();
  const preview = await dialog(page).getByTestId('support-preview').innerText();
  const downloaded = page.waitForEvent('download');
  await dialog(page).getByRole('button', { name: 'Save support bundle…' }).click();
  const download = await downloaded;
  const file = join(scratch, `${name}.json`);
  await download.saveAs(file);
  assert.match(download.suggestedFilename(), /^keyhole-support-keyhole-demo-studio-[\w-]+-\d{8}-\d{4}\.json$/);
  await dialog(page).getByTestId('support-saved').filter({ hasText: "in your browser's downloads folder" }).waitFor();
  const check = await checkBundle(JSON.parse(readFileSync(file, 'utf8')));
  assert.ok(check.ok, check.ok ? '' : check.problem);
  return { file, bundle: check.bundle, preview };
}

function reproduce(file: string, app: AppUnderTest): { reproduced: { state: string; code: string | null }; sameAsCustomer: boolean; actionError: { error: { code: string } } | null } {
  const productFile = join(scratch, 'product.json');
  writeFileSync(productFile, JSON.stringify(app.authority.productConfig));
  const run = spawnSync(process.execPath, [KEYHOLE_BIN, 'support', 'reproduce', file, '--json', '--product', productFile], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/** The customer's screen, replayed read-only from the saved bundle: same badge, same panel. */
async function assertReplays(app: AppUnderTest, bundle: SupportBundle, title: string | null): Promise<void> {
  const replay = await openReplay(browser, { bundle, product: app.authority.productConfig });
  try {
    const { page } = replay;
    await page.getByTestId('replay-banner').filter({ hasText: `Replay of a support bundle from` }).filter({ hasText: bundle.instanceId }).waitFor();
    if (title) await expectError(page, title);
    assert.equal((await page.getByTestId('instance-id').innerText()).trim(), bundle.instanceId);
    assert.equal(await page.getByTestId('replay-differs').count(), 0, 'the replay reaches what the customer saw');
  } finally {
    await replay.close();
  }
}


describe('support bundle: saved by the app, reproduced by the CLI, replayed', () => {
  const refused = [
    ['expired', 'LICENSE_EXPIRED'],
    ['deactivated', 'LICENSE_DEACTIVATED'],
    ['limit-reached', 'ACTIVATION_LIMIT_REACHED'],
    ['offline-only', 'OFFLINE_ONLY_PLAN'],
  ] as const;
  for (const [name, code] of refused) {
    test(`activation refused (${code}): the bundle records the failed action and the CLI names it`, async () => {
      await withApp(browser, async (app) => {
        const { page } = app;
        await waitForApp(page);
        await typeKeyAndActivate(page, app.key(name));
        await expectError(page, CATALOG[code].title);
        const { file, bundle, preview } = await saveBundle(page, `refused-${name}`);
        assert.match(preview, new RegExp(`Failed action: activate → ${code}`));
        assert.equal(bundle.actionError?.error.code, code);
        const report = reproduce(file, app);
        assert.deepEqual([report.reproduced.code, report.sameAsCustomer, report.actionError?.error.code], ['NOT_ACTIVATED', true, code]);
        await assertReplays(app, bundle, CATALOG[code].title);
      });
    });
  }

  test('server unreachable during activation: the bundle says the server did not answer', async () => {
    await withApp(browser, { authorityUrl: `http://127.0.0.1:${await closedPort()}` }, async (app) => {
      const { page } = app;
      await waitForApp(page);
      await typeKeyAndActivate(page, app.key('online'));
      await expectError(page, CATALOG.SERVER_UNREACHABLE.title);
      const unreachable = await saveBundle(page, 'unreachable');
      assert.equal(reproduce(unreachable.file, app).actionError?.error.code, 'SERVER_UNREACHABLE');
      assert.ok(unreachable.bundle.events.some((e) => e.action === 'activate' && e.outcome === 'unreachable'));
      await assertReplays(app, unreachable.bundle, CATALOG.SERVER_UNREACHABLE.title);
    });
  });

  const states: [string, ErrorCode | null, string, (app: AppUnderTest) => Promise<void>][] = [
    ['active', null, 'Active', async () => {}],
    ['mismatch', 'LICENSE_MISMATCH', 'Mismatch', (app) => app.restartHost({ machine: machine('second') })],
    ['grace', 'GRACE_PERIOD', 'Working offline', async (app) => {
      await app.stopAuthority();
      app.setClockOffset(2 * DAY);
    }],
    ['clock-rollback', 'CLOCK_ROLLBACK', 'Clock set back', async (app) => {
      app.setClockOffset(-2 * DAY);
      await app.page.reload();
    }],
    ['unreadable', 'STORE_UNREADABLE', 'Unreadable', (app) => app.restartHost({ whileStopped: (dir) => writeFileSync(join(dir, 'license.json'), 'damaged') })],
  ];
  for (const [name, code, badgeText, reach] of states) {
    test(`license state ${code ?? 'ACTIVE'}: saved from the status view, reproduced to the same code`, async () => {
      await withActivatedApp(browser, async (app) => {
        await reach(app);
        const { page } = app;
        await waitForApp(page);
        await expectBadge(page, badgeText);
        const button = code ? undefined : page.getByRole('button', { name: 'See what is in it' });
        const { file, bundle } = await saveBundle(page, `state-${name}`, button);
        assert.equal(bundle.seen.code, code);
        const report = reproduce(file, app);
        assert.deepEqual([report.reproduced.code, report.sameAsCustomer], [code, true]);
        if (name !== 'grace') await assertReplays(app, bundle, code && CATALOG[code].title);
      });
    });
  }

  test('revoked by the admin: the bundle reproduces ACTIVATION_REVOKED', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      const instanceId = (await page.getByTestId('instance-id').innerText()).trim();
      const headers = { authorization: `Bearer ${app.authority.adminToken}` };
      const list = (await (await fetch(`${app.authority.url}/admin/licenses/${app.key('online')}/activations`, { headers })).json()) as { activations: { id: number; instance_id: string; status: string }[] };
      const mine = list.activations.find((a) => a.instance_id === instanceId && a.status === 'active');
      assert.ok(mine);
      const revoke = await fetch(`${app.authority.url}/admin/licenses/${app.key('online')}/activations/${mine.id}/revoke`, { method: 'POST', headers });
      assert.equal(revoke.status, 200);
      await page.getByRole('button', { name: 'Re-validate now' }).click();
      await expectBadge(page, 'Revoked');
      const { file } = await saveBundle(page, 'revoked');
      assert.deepEqual([reproduce(file, app).reproduced.code], ['ACTIVATION_REVOKED']);
    });
  });
});

describe('what the user sees before sending, and what never leaves the machine', () => {
  test('the dialog lists the contents in plain words; Copy puts exactly that bundle on the clipboard; keyboard and axe', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      await page.getByRole('button', { name: 'Save support bundle' }).click();
      await dialog(page).getByTestId('support-preview').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'support-dialog-title');
      const preview = await dialog(page).getByTestId('support-preview').innerText();
      for (const words of ['salted hashes, no raw serials', 'first and last group only, never the full key', 'What you see: Active', 'Log lines: the last']) {
        assert.ok(preview.includes(words), `preview says "${words}":\n${preview}`);
      }
      await dialog(page).getByText('Show the full text').click();
      await checkScreen(page, 'support-dialog');
      await dialog(page).getByRole('button', { name: 'Copy the support details' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      const copied = await readClipboard(page);
      const check = await checkBundle(JSON.parse(copied));
      assert.ok(check.ok && check.bundle.seen.state === 'active');
      assert.ok((await dialog(page).getByTestId('support-text').innerText()).includes(check.bundle.seal), 'the copied bundle is the one shown');
      await page.keyboard.press('Escape');
      await dialog(page).waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'support-save', 'focus returns to the button that opened it');
      await checkScreen(page, 'support-section');
    });
  });

  test('Open logs folder in the browser host shows the folder with a copy button', async () => {
    await withActivatedApp(browser, async (app) => {
      const { page } = app;
      await page.getByRole('button', { name: 'Open logs folder' }).click();
      const shown = await page.getByTestId('logs-folder').innerText();
      assert.ok(shown.includes(join(app.appDataDir, 'logs')), shown);
      await page.getByRole('button', { name: 'Copy the logs folder path' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      assert.equal(await readClipboard(page), join(app.appDataDir, 'logs'));
      assert.ok(readdirSync(join(app.appDataDir, 'logs')).some((file) => file.startsWith('keyhole.log')));
      await checkScreen(page, 'support-logs-folder');
    });
  });

  test('planted serials (KEYHOLE_FINGERPRINT_FILE) and the key never appear in a bundle or a log line', async () => {
    await ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'keyhole-e2e-planted-'));
    const authority = await startDemoAuthority({ dataDir: join(dir, 'authority') });
    const planted = {
      machineId: 'planted-machine-id-5d41402abc4b2a76',
      systemUuid: 'planted-uuid-7e57-4c4c-4544-b3c04f4e3432',
      baseboardSerial: 'PLANTED-BOARD-SN-77231',
      diskSerial: 'PLANTED-DISK-SN-WD-WX11A',
      cpu: 'Planted|CPU|Model-9876',
      mac: 'de:ad:be:ef:00:42',
    };
    const fingerprintFile = join(dir, 'fingerprint.json');
    writeFileSync(fingerprintFile, JSON.stringify(planted));
    const app = createAppHost({
      product: authority.productConfig,
      dataDir: join(dir, 'app'),
      appVersion: '1.0.0',
      mode: 'demo',
      host: 'browser',
      env: { [FINGERPRINT_FILE_ENV]: fingerprintFile },
    });
    const host = await startBrowserHost({ door: createDoor(app.handlers, app.log), onEvent: app.onEvent, staticDir: join(ROOT, 'dist') });
    const context = await openContext(browser, host.origin, { colorScheme: 'light', zoom: 1 });
    try {
      const key = authority.keys.find((k) => k.name === 'online')!.key;
      const page = await context.newPage();
      await page.goto(host.url);
      await waitForApp(page);
      await typeKeyAndActivate(page, key);
      await expectBadge(page, 'Active');
      // The key travels once more: a change to the same key, typed in lower case without dashes.
      await page.getByRole('button', { name: 'Change key' }).click();
      await typeKeyAndActivate(page, key.toLowerCase().replace(/-/g, ' '));
      await expectBadge(page, 'Active');

      const { file, bundle } = await saveBundle(page, 'planted', page.getByRole('button', { name: 'See what is in it' }));
      await dialog(page).getByRole('button', { name: 'Copy the support details' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      const texts = { saved: readFileSync(file, 'utf8'), copied: await readClipboard(page) };
      const logs = join(dir, 'app', 'logs');
      for (const name of readdirSync(logs)) Object.assign(texts, { [`log ${name}`]: readFileSync(join(logs, name), 'utf8') });
      const middle = key.split('-').slice(1, 5).join('-');
      const forbidden = [...Object.values(planted), key, key.replace(/-/g, ''), middle, middle.replace(/-/g, '')];
      for (const [where, text] of Object.entries(texts)) {
        const upper = text.toUpperCase();
        assert.deepEqual(forbidden.filter((value) => upper.includes(value.toUpperCase())), [], `${where} leaks`);
      }
      assert.equal(bundle.licenseKeyRedacted, redactLicenseKey(key));
      assert.ok(Object.values(bundle.fingerprint.components).every((hash) => hash !== null && /^[0-9a-f]{64}$/.test(hash)));
      assert.equal(await badge(page).innerText(), 'Active');
    } finally {
      await context.close();
      await host.close();
      app.close();
      await authority.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
