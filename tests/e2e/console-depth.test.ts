import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dateInputValue } from '../../server/console/format.ts';
import { describeError } from '../../shared/errors/catalog.ts';
import { newInstanceId, PLAN } from '../harness/authority/test-authority.ts';
import { launchChromium } from '../harness/browser/chromium.ts';
import { readClipboard } from '../harness/browser/flows.ts';
import {
  activateDevice,
  ADMIN,
  adminCall,
  checkConsolePage,
  checkConsoleViews,
  heading,
  openConsole,
  revokedCustomerBundle,
  signIn,
  startConsole,
  SUPPORT,
  validateDevice,
  visitAs,
  type ConsoleUnderTest,
} from '../harness/browser/console.ts';

/*
 * The console's last four pages against a real authority: the Overview after real activations and
 * a refusal, the Audit log (global and on License Details) after a limit change made in the
 * console, API tokens (shown once, working as a bearer token, revoked), and a support user's
 * lookup of a real customer's bundle. Each page is screenshotted light, dark and at 200 % and
 * scanned by axe.
 */

let browser: Browser;
let app: ConsoleUnderTest;
let context: BrowserContext;
let page: Page;
let monthly: { key: string; id: number };

before(async () => {
  [browser, app] = await Promise.all([launchChromium(), startConsole()]);
  ({ context, page } = await openConsole(browser, app));
  monthly = await app.authority.order({ ...PLAN, name: 'Monthly', expiry: { value: 10, unit: 'days' } });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const figure = async (p: Page, name: string) => (await p.getByTestId('overview-figures').locator('div', { has: p.getByText(name, { exact: true }) }).locator('dd').innerText()).trim();
const bearer = (token: string) => fetch(`${app.authority.url}/admin/plans`, { headers: { authorization: `Bearer ${token}` } });

describe('console: overview, audit log, API tokens, support lookup', () => {
  test('Overview is the landing page and counts the activations and the refusal that happened', async () => {
    await activateDevice(app, monthly.key, 'Office PC');
    await activateDevice(app, monthly.key, 'Laptop');
    const refused = await validateDevice(app, monthly.key, newInstanceId());
    assert.equal(refused.valid, false);

    await page.goto(app.url);
    await signIn(page, ADMIN);
    assert.equal(new URL(page.url()).pathname, '/console/overview');
    await heading(page, 'Overview');
    assert.equal(await figure(page, 'Active licenses'), '1');
    assert.equal(await figure(page, 'Activations, last 24 hours'), '2');
    assert.equal(await figure(page, 'Activations, last 7 days'), '2');
    assert.equal(await figure(page, 'Expiring in 30 days'), '1');
    const row = page.getByRole('row', { name: new RegExp(refused.code) });
    assert.match(await row.innerText(), new RegExp(`${refused.code}[\\s\\S]*${describeError(refused.code, 'server').title}[\\s\\S]*1`));

    await checkConsoleViews(browser, context, app, '/console/overview', 'overview', (p) => heading(p, 'Overview'));
    await page.getByRole('link', { name: /Monthly/ }).click();
    await heading(page, 'License Details');
    assert.equal(new URL(page.url()).pathname, `/console/licenses/${monthly.id}`);
  });

  test('a limit change made in the console shows in the audit log with who and before → after, globally and on License Details', async () => {
    const orderId = (await adminCall(app, 'GET', `/admin/licenses/${monthly.id}`)).body.license.order_id;
    await visitAs(page, app, ADMIN, `/console/orders/${orderId}`);
    await page.getByTestId('license-card').getByRole('button', { name: 'License menu' }).click();
    await page.getByTestId('license-card').getByRole('button', { name: 'Edit activation limit' }).click();
    await page.getByRole('dialog').getByLabel('Activations (1–100)').fill('7');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('license-activations').filter({ hasText: '2/7 activations' }).waitFor();

    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    await heading(page, 'Audit log');
    const change = page.getByRole('row', { name: /license\.limit/ });
    assert.match(await change.innerText(), new RegExp(`console:${ADMIN}[\\s\\S]*license\\.limit[\\s\\S]*activation_limit: 5 → 7[\\s\\S]*License ${monthly.id}`));
    await page.getByLabel('What').fill('license.limit');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((url) => url.search === '?action=license.limit');
    await page.getByRole('caption').filter({ hasText: /\(page 1\)$/ }).waitFor();
    assert.equal(await page.getByRole('row', { name: /order\.create/ }).count(), 0, 'the filter leaves other actions out');
    assert.equal(await page.getByRole('row', { name: /license\.limit/ }).count(), 1);
    const day = (offset: number) => dateInputValue(new Date(Date.now() + offset * 86_400_000).toISOString());
    await page.getByLabel('Until (day, included)').fill(day(0));
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((url) => url.searchParams.get('until') === day(0));
    await page.getByRole('row', { name: /license\.limit/ }).waitFor();
    await page.getByLabel('From (day)').fill(day(1));
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No change matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('row', { name: /order\.create/ }).waitFor();
    await checkConsoleViews(browser, context, app, '/console/audit', 'audit-log', (p) => p.getByRole('caption').filter({ hasText: /\(page 1\)$/ }).waitFor());

    await visitAs(page, app, ADMIN, `/console/licenses/${monthly.id}`);
    await heading(page, 'License Details');
    const onLicense = page.getByRole('table', { name: /Changes to this license/ }).getByRole('row', { name: /license\.limit/ });
    assert.match(await onLicense.innerText(), new RegExp(`console:${ADMIN}[\\s\\S]*activation_limit: 5 → 7`));
    // License Details with its audit log is scanned in every theme by the seed 003 walk (license-details-*).
    await checkConsolePage(page, 'license-details-audit', 'none');
  });

  test('a new API token is shown once, works as a bearer token, and answers 401 once revoked', async () => {
    await visitAs(page, app, ADMIN, '/console/tokens');
    await heading(page, 'API tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    await page.getByRole('dialog').getByLabel('Label').fill('deploy');
    await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('new-token');
    await shown.waitFor();
    const token = (await shown.innerText()).trim();
    assert.match(token, /^kha_/);
    await page.getByRole('dialog').getByText('it will not be shown again').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('dialog').getByText('Copied.').waitFor();
    assert.equal(await readClipboard(page), token);
    await checkConsolePage(page, 'tokens-new-shown-once');
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    assert.equal(await page.getByText(token).count(), 0, 'the list never shows the token');
    assert.equal((await bearer(token)).status, 200);

    const row = page.getByRole('row', { name: /deploy/ });
    await row.getByRole('button', { name: 'Revoke deploy' }).click();
    await page.getByRole('dialog').getByText('cannot be undone').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    assert.equal((await bearer(token)).status, 401);
    await checkConsoleViews(browser, context, app, '/console/tokens', 'tokens', (p) => p.getByRole('table', { name: 'API tokens' }).waitFor());
  });

  test('a support user looks up a real bundle and cannot create or revoke tokens', async () => {
    const customer = await app.authority.order({ ...PLAN, name: 'Desk' });
    const bundle = await revokedCustomerBundle(app, customer);
    const help = await openConsole(browser, app);
    try {
      await visitAs(help.page, app, SUPPORT, '/console/support');
      await heading(help.page, 'Support lookup');
      await help.page.getByLabel('Support bundle').fill(bundle);
      await help.page.getByRole('button', { name: 'Look up' }).click();
      const saw = help.page.getByTestId('customer-saw');
      await saw.waitFor();
      assert.equal(await saw.innerText(), describeError('ACTIVATION_REVOKED').title);
      await help.page.getByText('the same as the customer saw').waitFor();
      assert.match(await help.page.getByTestId('authority-now').innerText(), /This instance\s+Revoked/);
      await checkConsolePage(help.page, 'support-lookup-report');

      await help.page.getByLabel('Support bundle').fill('not a bundle');
      await help.page.getByRole('button', { name: 'Look up' }).click();
      await help.page.getByTestId('error-state').filter({ hasText: describeError('REQUEST_INVALID', 'server').title }).waitFor();

      await help.page.getByLabel('Bundle file').setInputFiles({ name: 'bundle.json', mimeType: 'application/json', buffer: Buffer.from(bundle) });
      await saw.waitFor();
      await help.page.getByLabel('Support bundle').fill('not a bundle');
      await help.page.getByRole('button', { name: 'Look up' }).click();
      await help.page.getByTestId('error-state').waitFor();
      assert.equal(await saw.count(), 0);
      // The file dropped onto the form, as from a file manager.
      const dropped = await help.page.evaluateHandle((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'bundle.json', { type: 'application/json' }));
        return transfer;
      }, bundle);
      await help.page.locator('form.drop').dispatchEvent('drop', { dataTransfer: dropped });
      await saw.waitFor();
      assert.equal(await help.page.getByLabel('Support bundle').inputValue(), bundle);
      await help.page.getByRole('link', { name: 'Open License Details' }).click();
      await heading(help.page, 'License Details');
      assert.equal(new URL(help.page.url()).pathname, `/console/licenses/${customer.id}`);
      await checkConsoleViews(browser, help.context, app, '/console/support', 'support-lookup', (p) => heading(p, 'Support lookup'));

      await help.page.getByRole('link', { name: 'API tokens' }).click();
      await heading(help.page, 'API tokens');
      await help.page.getByTestId('read-only').waitFor();
      assert.equal(await help.page.getByRole('button', { name: 'New token' }).count(), 0);
      const active = help.page.getByRole('button', { name: /^Revoke / }).first();
      assert.equal(await active.getAttribute('aria-disabled'), 'true');
      // Playwright will not click an aria-disabled button; a keyboard user still can press it.
      await active.focus();
      await help.page.keyboard.press('Enter');
      assert.equal(await help.page.getByRole('dialog').count(), 0, 'no revoke dialog opens for support');
      const { csrf_token: csrf } = (await (await help.context.request.get(`${app.url}/api/session`)).json()) as { csrf_token: string };
      const created = await help.context.request.post(`${app.authority.url}/admin/tokens`, { headers: { 'x-csrf-token': csrf }, data: { label: 'sneaky' } });
      assert.equal(created.status(), 403);
      assert.equal(((await created.json()) as { error: { code: string } }).error.code, 'ROLE_READ_ONLY');
      const tokenId = ((await adminCall(app, 'GET', '/admin/tokens')).body.tokens as { id: number; status: string }[]).find((t) => t.status === 'active')?.id;
      const revoked = await help.context.request.post(`${app.authority.url}/admin/tokens/${tokenId}/revoke`, { headers: { 'x-csrf-token': csrf }, data: {} });
      assert.equal(revoked.status(), 403);
      assert.equal((await adminCall(app, 'GET', '/admin/tokens')).body.tokens.find((t: { id: number }) => t.id === tokenId).status, 'active');
      await checkConsoleViews(browser, help.context, app, '/console/tokens', 'tokens-support', (p) => heading(p, 'API tokens'));
    } finally {
      await help.context.close();
    }
  });
});
