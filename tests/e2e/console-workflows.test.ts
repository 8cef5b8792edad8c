import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toWireFingerprint } from '../../shared/license/fingerprint.ts';
import { newInstanceId } from '../harness/authority/test-authority.ts';
import { launchChromium } from '../harness/browser/chromium.ts';
import { readClipboard } from '../harness/browser/flows.ts';
import {
  activateDevice,
  ADMIN,
  checkConsolePage,
  checkConsoleViews,
  heading,
  openConsole,
  startConsole,
  validateDevice,
  visitAs,
  type ConsoleUnderTest,
} from '../harness/browser/console.ts';
import { addMonths } from '../../server/console/format.ts';

/*
 * Seed 003's vendor day walked through the console against a real authority: a plan's license
 * settings, workflows A–E (purchase, device switch, validation on start-up, an extension, a
 * compromised key), deactivation, and finding orders. What the customer's app does goes through
 * the public API, as the app would send it.
 */

let browser: Browser;
let app: ConsoleUnderTest;
let context: BrowserContext;
let page: Page;
let planId: string;
let orderId: string;
let key: string;
const TRIAL_MACHINE = { machineId: 11, systemUuid: 22, baseboardSerial: 33, diskSerial: 44, cpu: 55, mac: 60 };

before(async () => {
  [browser, app] = await Promise.all([launchChromium(), startConsole()]);
  ({ context, page } = await openConsole(browser, app));
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const dialog = () => page.getByRole('dialog');
const card = () => page.getByTestId('license-card');
const openMenu = async (item: string) => {
  await card().getByRole('button', { name: 'License menu' }).click();
  await card().getByRole('button', { name: item }).click();
  await dialog().waitFor();
};

describe('console: a vendor day (seed 003)', () => {
  test('Plans: the license settings are created and edited in the console', async () => {
    await visitAs(page, app, ADMIN, '/console/plans');
    await heading(page, 'Plans');
    await page.getByText('No plans yet').waitFor();
    await page.getByRole('link', { name: 'New plan' }).click();
    await heading(page, 'New plan');
    await page.getByLabel('Plan name').fill('Studio Pro');
    await page.getByLabel('Activations per license (1–100)').fill('3');
    await page.getByRole('switch', { name: 'License expires' }).check();
    await page.getByLabel('Duration value').fill('12');
    await page.getByLabel('Duration unit').selectOption('months');
    await page.getByRole('checkbox', { name: 'Reports' }).check();
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByText('Saved.').waitFor();
    planId = new URL(page.url()).pathname.split('/').at(-1) as string;

    await page.getByLabel('Activations per license (1–100)').fill('5');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('link', { name: 'Plans', exact: true }).first().click();
    await heading(page, 'Plans');
    const row = page.getByRole('row', { name: /Studio Pro/ });
    assert.match(await row.innerText(), /5 activations[\s\S]*12 months after purchase[\s\S]*online[\s\S]*reports/);
    await checkConsoleViews(browser, context, app, '/console/plans', 'plans', (p) => heading(p, 'Plans'));
    await checkConsoleViews(browser, context, app, `/console/plans/${planId}`, 'plan-details', (p) => heading(p, 'Studio Pro'));
  });

  test('A: a new order with its customer gets a key; the customer activates; the console shows it', async () => {
    await page.getByRole('link', { name: 'Orders' }).first().click();
    await heading(page, 'Orders');
    await page.getByRole('button', { name: 'New order' }).click();
    await dialog().getByLabel('Email').fill('alice@example.com');
    await dialog().getByLabel('Name').fill('Alice Example');
    await dialog().getByLabel('Reference').fill('shop-1001');
    await checkConsolePage(page, 'new-order-dialog');
    await dialog().getByRole('button', { name: 'Create order' }).click();
    await heading(page, /^Order \d+$/);
    orderId = new URL(page.url()).pathname.split('/').at(-1) as string;
    assert.match(await page.getByText('alice@example.com').innerText(), /alice@example.com/);

    const shown = page.getByTestId('license-key');
    assert.match(await shown.innerText(), /^KH-\w{5}-•{5}-•{5}-•{5}-\w{5}$/, 'masked until Reveal');
    await card().getByRole('button', { name: 'Reveal' }).click();
    key = await shown.innerText();
    assert.match(key, /^KH-(\w{5}-){4}\w{5}$/);
    await card().getByRole('button', { name: 'Copy' }).click();
    await card().getByText('Copied.').waitFor();
    assert.equal(await readClipboard(page), key);
    assert.equal(await page.getByTestId('license-activations').innerText(), '0/5 activations');
    assert.equal(await page.getByTestId('license-status').innerText(), 'Active');
    assert.notEqual(await page.getByTestId('license-expiry').innerText(), 'Never expires');

    await activateDevice(app, key, 'Desk PC', { os: 'Windows 11', cpu: 'Ryzen 7' });
    await page.reload();
    await page.getByTestId('license-activations').filter({ hasText: '1/5 activations' }).waitFor();
    await checkConsoleViews(browser, context, app, `/console/orders/${orderId}`, 'order-details', (p) => p.getByTestId('license-card').waitFor());
    await card().getByRole('link', { name: /View License Details/ }).click();
    await heading(page, 'License Details');
    const desk = page.getByRole('row', { name: /Desk PC/ });
    assert.match(await desk.innerText(), /os: Windows 11[\s\S]*cpu: Ryzen 7[\s\S]*online[\s\S]*just now/);
    const seen = desk.locator('time').last();
    assert.match((await seen.getAttribute('title')) ?? '', /\d{4}/, 'the exact local time on hover');
  });

  test('B: the customer switches devices: the old one ends as deactivated, the new one is listed', async () => {
    const desk = await activateDevice(app, key, 'Old laptop');
    const res = await app.authority.post('/license/deactivate', { license_key: key, instance_id: desk });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    await activateDevice(app, key, 'New laptop', { os: 'macOS 15' });
    await page.reload();
    await heading(page, 'License Details');
    await page.getByRole('row', { name: /New laptop/ }).waitFor();
    const ended = page.getByRole('table', { name: 'Activations deactivated or revoked' });
    assert.match(await ended.getByRole('row', { name: /Old laptop/ }).innerText(), /Deactivated[\s\S]*The device itself/, 'how, and by whom');
    assert.equal(await page.getByTestId('license-activations').innerText(), '2/5 activations');
    const path = new URL(page.url()).pathname;
    await checkConsoleViews(browser, context, app, path, 'license-details', (p) => heading(p, 'License Details'));
  });

  test('C and D: the app validates on start-up; the admin extends the license by 3 months; the next validation shows it', async () => {
    const instance = await activateDevice(app, key, 'Studio Mac');
    const first = await validateDevice(app, key, instance);
    assert.equal(first.valid, true, JSON.stringify(first));
    const before = first.license?.expires_at as string;

    await page.goto(`${app.url}/orders/${orderId}`);
    await card().waitFor();
    await openMenu('Manage expiry');
    const date = dialog().getByLabel('Expiration date');
    const current = await date.inputValue();
    await dialog().getByRole('button', { name: '+3 months' }).click();
    assert.equal(await date.inputValue(), addMonths(current, 3));
    await dialog().getByRole('button', { name: 'Save changes' }).click();
    await dialog().waitFor({ state: 'detached' });
    const wanted = addMonths(current, 3);
    await page.getByTestId('license-expiry').filter({ hasText: wanted }).waitFor();

    const next = await validateDevice(app, key, instance);
    assert.equal(next.valid, true);
    assert.ok((next.license?.expires_at ?? '').startsWith(wanted), `${next.license?.expires_at} is the new date ${wanted}`);
    assert.notEqual(next.license?.expires_at, before);

    await openMenu('Edit activation limit');
    await dialog().getByLabel('Activations (1–100)').fill('10');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('license-activations').filter({ hasText: '3/10 activations' }).waitFor();
  });

  test('E: a compromised key: unknown instances are revoked, then the key is regenerated and the old one stops working', async () => {
    const strangers = [await activateDevice(app, key, 'Unknown 1'), await activateDevice(app, key, 'Unknown 2')];
    await page.goto(`${app.url}/orders/${orderId}`);
    await card().getByRole('link', { name: /View License Details/ }).click();
    await heading(page, 'License Details');

    const revoke = page.getByRole('button', { name: 'Revoke Unknown 1' });
    await revoke.click();
    await dialog().getByText('stops working at its next validation').waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    assert.equal(await revoke.evaluate((el) => el === document.activeElement), true, 'Escape closes and focus returns to Revoke');
    await revoke.click();
    await dialog().getByRole('button', { name: 'Revoke', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    const ended = page.getByRole('table', { name: 'Activations deactivated or revoked' });
    await ended.getByRole('row', { name: /Unknown 1/ }).filter({ hasText: 'Revoked' }).waitFor();
    assert.equal(await ended.getByRole('row', { name: /Unknown 1/ }).getByTestId('ended-by').innerText(), `console:${ADMIN}`);
    assert.equal((await validateDevice(app, key, strangers[0] as string)).code, 'ACTIVATION_REVOKED');
    assert.equal((await validateDevice(app, key, strangers[1] as string)).valid, true, 'the others keep working');

    await page.locator('.crumbs').getByRole('link', { name: `Order ${orderId}` }).click();
    await card().waitFor();
    await openMenu('Regenerate key');
    const text = await dialog().innerText();
    await checkConsolePage(page, 'regenerate-dialog');
    assert.match(text, /cannot be undone/);
    assert.match(text, /old key stops working at its next validation/);
    await dialog().getByRole('button', { name: 'Regenerate key' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByTestId('license-activations').filter({ hasText: '0/10 activations' }).waitFor();
    await card().getByRole('button', { name: 'Reveal' }).click();
    const fresh = await page.getByTestId('license-key').innerText();
    assert.notEqual(fresh, key);
    assert.equal((await validateDevice(app, key, strangers[1] as string)).code, 'LICENSE_INVALID', 'the old key stops working');
    await activateDevice(app, fresh, 'Alice again');
    key = fresh;
  });

  test('Deactivate: after the confirmation the license is Deactivated and the key no longer validates', async () => {
    const instance = await activateDevice(app, key, 'Last one');
    await page.goto(`${app.url}/orders/${orderId}`);
    await card().waitFor();
    await openMenu('Deactivate');
    assert.match(await dialog().innerText(), /cannot be undone/);
    await dialog().getByRole('button', { name: 'Deactivate license' }).click();
    await page.getByTestId('license-status').filter({ hasText: 'Deactivated' }).waitFor();
    assert.equal((await validateDevice(app, key, instance)).code, 'LICENSE_DEACTIVATED');
  });

  test('Orders: search by customer, filters, and keyset paging forward and back', async () => {
    for (let i = 1; i <= 27; i += 1) {
      const res = await app.authority.admin('POST', '/admin/orders', { plan_id: Number(planId), customer: { email: `buyer${String(i).padStart(2, '0')}@example.com`, name: `Buyer ${i}`, reference: null } });
      assert.equal(res.status, 201);
    }
    await page.goto(`${app.url}/orders`);
    await heading(page, 'Orders');
    const rows = () => page.getByRole('table').getByRole('row');
    await page.getByRole('caption').filter({ hasText: /\(page 1\)$/ }).waitFor();
    assert.equal(await rows().count(), 26, 'a header and 25 orders');
    assert.match(await rows().nth(1).innerText(), /buyer27@example.com/, 'newest first');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByRole('caption').filter({ hasText: /\(page 2\)$/ }).waitFor();
    assert.match(await page.getByRole('table').innerText(), /buyer02@example.com/);
    assert.match(await page.getByRole('table').innerText(), /alice@example.com/);
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true, 'the last page');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByRole('caption').filter({ hasText: /\(page 1\)$/ }).waitFor();

    await page.getByLabel('Search orders').fill('Alice');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=Alice/);
    await page.getByRole('row', { name: /alice@example.com/ }).waitFor();
    assert.equal(await rows().count(), 2);
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No order matches').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Expiring within (days)').fill('400');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/expiring_within_days=400/);
    await page.getByRole('caption').filter({ hasText: /\(page 1\)$/ }).waitFor();

    // A trial the app started stays out of the list until asked for, and then carries its badge.
    const trialPlan = { name: 'Studio Trial', activation_limit: 1, expiry: { value: 14, unit: 'days' }, mode: 'trial', plugins: [] };
    assert.equal((await app.authority.admin('POST', '/admin/plans', trialPlan)).status, 201);
    const trial = await app.authority.post('/license/trial', { instance_id: newInstanceId(), fingerprint: toWireFingerprint(TRIAL_MACHINE), metadata: {}, app_version: '1.2.0' });
    assert.equal(trial.status, 200, JSON.stringify(trial.body));
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('caption').filter({ hasText: /\(page 1\)$/ }).waitFor();
    assert.equal(await page.getByTestId('trial-badge').count(), 0, 'paid orders only by default');
    await page.getByLabel('Kind').selectOption('trial');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/kind=trial/);
    await page.getByTestId('trial-badge').waitFor();
    assert.equal(await rows().count(), 2, 'a header and the one trial');
    await checkConsoleViews(browser, context, app, '/console/orders?kind=all', 'orders', (p) => p.getByTestId('trial-badge').waitFor());
  });
});
