import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { newInstanceId } from '../harness/authority/test-authority.ts';
import { launchChromium } from '../harness/browser/chromium.ts';
import {
  activateDevice,
  ADMIN,
  checkConsolePage,
  checkConsoleViews,
  heading,
  openConsole,
  PASSWORD,
  startConsole,
  SUPPORT,
  visitAs,
  type ConsoleUnderTest,
} from '../harness/browser/console.ts';

/*
 * Who may do what in the console: a support user sees every page and can change nothing (and the
 * API refuses when forced), a forged cross-site form changes nothing, and a new user's one-time
 * link sets a password and signs in.
 */

let browser: Browser;
let app: ConsoleUnderTest;
let orderId: number;
let licenseId: number;

before(async () => {
  [browser, app] = await Promise.all([launchChromium(), startConsole()]);
  const plan = (await app.authority.admin('POST', '/admin/plans', { name: 'Team', activation_limit: 3, expiry: null, mode: 'online', plugins: [] })).body.plan;
  const ordered = (await app.authority.admin('POST', '/admin/orders', { plan_id: plan.id, customer: { email: 'bob@example.com', name: 'Bob', reference: 'r-1' } })).body;
  orderId = ordered.order.id;
  licenseId = ordered.license.id;
  await activateDevice(app, ordered.license.key, 'Bob workstation', { os: 'Linux' });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const licenseStatus = async () => (await app.authority.admin('GET', `/admin/licenses/${licenseId}`)).body.license;

describe('console access', () => {
  test('a support user sees every page read-only, with the reason, and the API refuses a forced change', async () => {
    const { context, page } = await openConsole(browser, app);
    await visitAs(page, app, SUPPORT, '/console/orders');
    await heading(page, 'Orders');
    await page.getByTestId('read-only').filter({ hasText: 'Your role (support) can view but not change.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'New order' }).count(), 0);

    await page.getByRole('link', { name: `Order ${orderId}` }).click();
    await page.getByTestId('license-card').waitFor();
    const menu = page.getByRole('button', { name: 'License menu' });
    assert.equal(await menu.getAttribute('aria-disabled'), 'true');
    assert.match(await page.getByTestId('license-card').innerText(), /Your role \(support\) can view but not change/);
    await menu.click({ force: true });
    assert.equal(await page.getByRole('button', { name: 'Regenerate key' }).count(), 0, 'the menu does not open');
    await checkConsoleViews(browser, context, app, `/console/orders/${orderId}`, 'order-details-support', (p) => p.getByTestId('license-card').waitFor());

    await page.getByRole('link', { name: /View License Details/ }).click();
    await heading(page, 'License Details');
    const revoke = page.getByRole('button', { name: 'Revoke Bob workstation' });
    assert.equal(await revoke.getAttribute('aria-disabled'), 'true');
    await revoke.click({ force: true });
    assert.equal(await page.getByRole('dialog').count(), 0);

    await page.goto(`${app.url}/plans`);
    await heading(page, 'Plans');
    assert.equal(await page.getByRole('link', { name: 'New plan' }).count(), 0);
    await page.getByRole('link', { name: 'Team' }).click();
    await heading(page, 'Team');
    assert.equal(await page.getByRole('button', { name: 'Save Changes' }).isDisabled(), true);

    // Forced past the page, with the session's own CSRF token: the server refuses.
    const forced = await page.evaluate(async (id) => {
      const { csrf_token: csrf } = await (await fetch('/console/api/session')).json();
      const res = await fetch(`/admin/licenses/${id}/deactivate`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{}' });
      return { status: res.status, body: await res.json() };
    }, licenseId);
    assert.equal(forced.status, 403);
    assert.equal(forced.body.error.code, 'ROLE_READ_ONLY');
    assert.equal((await licenseStatus()).status, 'active', 'nothing changed');
    await context.close();
  });

  test('a forged cross-site form and a change without the CSRF token are refused; nothing changes', async () => {
    const { context, page } = await openConsole(browser, app);
    await visitAs(page, app, ADMIN, '/console/orders');
    const target = `${app.authority.url}/admin/licenses/${licenseId}/deactivate`;
    // Another site (localhost is not 127.0.0.1) with a form that posts to the authority on load.
    const attacker: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><form id="f" method="POST" action="${target}"><input name="x" value="1"></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      const evil = await context.newPage();
      const answer = evil.waitForResponse((res) => res.url() === target);
      await evil.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
      assert.equal((await answer).status(), 401, 'the forged form is refused');
      await evil.close();
    } finally {
      attacker.close();
    }
    const noToken = await page.evaluate(async (url) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, target);
    assert.equal(noToken, 401, 'same-site, cookie sent, but no x-csrf-token');
    assert.equal((await licenseStatus()).status, 'active', 'nothing changed');
    await context.close();
  });

  test('a new user follows the one-time link, sets a password and is signed in; the link then no longer works', async () => {
    const token = await app.invite('new-admin@example.com', 'admin');
    const { context, page } = await openConsole(browser, app);
    await page.goto(`${app.url}/set-password#${token}`);
    await heading(page, 'Set password');
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
    await checkConsolePage(page, 'set-password-light');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(`${PASSWORD} typo`);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByTestId('error-state').filter({ hasText: CATALOG.REQUEST_INVALID.title }).waitFor();
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await heading(page, 'Overview');
    assert.match(await page.locator('.who').innerText(), /new-admin@example.com \(admin\)/);
    await context.close();

    const again = await openConsole(browser, app);
    await again.page.goto(`${app.url}/set-password#${token}`);
    await again.page.getByLabel('New password').fill(PASSWORD);
    await again.page.getByLabel('Repeat the password').fill(PASSWORD);
    await again.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await again.page.getByTestId('error-state').waitFor();
    assert.equal(new URL(again.page.url()).pathname, '/console/set-password', 'a used link signs nobody in');
    await again.context.close();
  });

  test('an offline license: Revoke says the machine keeps working until expiry, as the authority warns', async () => {
    const plan = (await app.authority.admin('POST', '/admin/plans', { name: 'Field kit', activation_limit: 2, expiry: null, mode: 'offline', plugins: [] })).body.plan;
    const sold = (await app.authority.admin('POST', '/admin/orders', { plan_id: plan.id })).body.license;
    const offline = await app.authority.admin('POST', '/admin/offline-activations', { license_key: sold.key, instance_id: newInstanceId(), instance_name: 'Ship laptop' });
    assert.equal(offline.status, 201, JSON.stringify(offline.body));
    const { context, page } = await openConsole(browser, app);
    await visitAs(page, app, ADMIN, `/console/licenses/${sold.id}`);
    await heading(page, 'License Details');
    await page.getByRole('button', { name: 'Revoke Ship laptop' }).click();
    assert.match(await page.getByRole('dialog').innerText(), /offline: that machine never checks in with the authority, so it keeps working until the license expires/);
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('dialog', { name: 'Instance revoked' }).getByText('keeps working for good, because this license never expires').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByText('The license is not active on any instance.').waitFor();

    await page.goto(`${app.url}/orders/999999`);
    await page.getByTestId('error-state').filter({ hasText: CATALOG.NOT_FOUND.title }).waitFor();
    await checkConsolePage(page, 'order-not-found');
    await context.close();
  });

  test('Sign in: a wrong password shows the catalog words; the page reads well light, dark and at 200 %', async () => {
    const { context, page } = await openConsole(browser, app);
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Email').fill(ADMIN);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('error-state').filter({ hasText: CATALOG.UNAUTHORIZED.title }).waitFor();
    await checkConsolePage(page, 'sign-in-error');
    await checkConsoleViews(browser, context, app, '/console/sign-in', 'sign-in', (p) => p.getByRole('heading', { name: 'Sign in' }).waitFor());
    await context.close();
  });
});
