import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLicenseCore } from '../../../node-core/create-license-core.ts';
import { staticIdentifierSource } from '../../../node-core/fingerprint/identifier-source.ts';
import { demoProduct } from '../../../node-core/replay/scenario-signer.ts';
import { bundleText } from '../../../node-core/support/bundle-file.ts';
import { addConsoleUser } from '../../../server/licensing/console-users.ts';
import { authorityPublicKeys } from '../../../server/support/bundle-key-set.ts';
import { OFFICE_PC } from '../core/machines.ts';
import { newInstanceId, requestJson, startTestAuthority, type JsonResponse, type TestAuthority } from '../authority/test-authority.ts';
import { ensureBuilt } from './app-under-test.ts';
import { checkScreen, openContext, type AxeScan } from './chromium.ts';

/*
 * The vendor console's shared E2E steps: a real authority with an admin and a support user, a
 * browser context signed in as either, and the checks every console page gets (a screenshot in
 * test-results/console/ and an axe scan with nothing serious).
 */

const SHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'console');
export const PASSWORD = 'correct horse battery staple';
export const ADMIN = 'vendor@example.com';
export const SUPPORT = 'helpdesk@example.com';

export interface ConsoleUnderTest {
  readonly authority: TestAuthority;
  /** The console's address: `${url}/console`. */
  readonly url: string;
  /** A new one-time sign-in link token for a user (as `keyhole user add` prints it after `#`). */
  invite(email: string, role: 'admin' | 'support'): Promise<string>;
  close(): Promise<void>;
}

export async function startConsole(): Promise<ConsoleUnderTest> {
  await ensureBuilt();
  const authority = await startTestAuthority();
  const invite = async (email: string, role: 'admin' | 'support') => (await addConsoleUser(authority.authority.context, email, role)).linkToken;
  for (const [email, role] of [[ADMIN, 'admin'], [SUPPORT, 'support']] as const) {
    const set = await requestJson(`${authority.url}/console/api/set-password`, { method: 'POST', body: JSON.stringify({ token: await invite(email, role), password: PASSWORD }) });
    assert.equal(set.status, 200, JSON.stringify(set.body));
  }
  return { authority, url: `${authority.url}/console`, invite, close: () => authority.close() };
}

export interface ConsoleView {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A fresh context on the console (light, 100 % unless asked), not signed in. */
export async function openConsole(browser: Browser, app: ConsoleUnderTest, view: { colorScheme?: 'light' | 'dark'; zoom?: number } = {}): Promise<ConsoleView> {
  const context = await openContext(browser, app.authority.url, { colorScheme: view.colorScheme ?? 'light', zoom: view.zoom ?? 1 });
  const page = await context.newPage();
  return { context, page };
}

/** Fills the Sign in page the browser is on and waits for the page it leads to. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

/** Opens `path` under /console signed in as `email` (signing in on the way when needed). */
export async function visitAs(page: Page, app: ConsoleUnderTest, email: string, path: string): Promise<void> {
  await page.goto(`${app.authority.url}${path}`);
  if (new URL(page.url()).pathname === '/console/sign-in') await signIn(page, email);
  assert.equal(new URL(page.url()).pathname, path.split('?')[0]);
}

/** The page's main heading, once the page has loaded its data. */
export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((el) => el.textContent?.startsWith('Loading')));
}

/**
 * Screenshot into test-results/console/<name>.png and an axe scan: nothing serious or critical.
 * `scan` 'none' for a state another check already scanned (the screenshot is still wanted).
 */
export function checkConsolePage(page: Page, name: string, scan: AxeScan = 'all'): Promise<void> {
  return checkScreen(page, name, SHOTS, scan);
}

/** An admin API call with the admin token, as a script would make it. */
export function adminCall(app: ConsoleUnderTest, method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonResponse> {
  return app.authority.admin(method, path, body);
}

/** What the customer's app does (the public API): activate on a new instance; returns its Instance ID. */
export async function activateDevice(app: ConsoleUnderTest, key: string, name: string, metadata: Record<string, string> = {}): Promise<string> {
  const instanceId = newInstanceId();
  const res = await app.authority.post('/license/activate', { license_key: key, instance_id: instanceId, instance_name: name, metadata });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return instanceId;
}

/** The customer's app validating on start-up: the authority's answer body. */
export async function validateDevice(app: ConsoleUnderTest, key: string, instanceId: string): Promise<{ valid: boolean; code: string; license?: { expires_at: string | null } }> {
  const res = await app.authority.post('/license/validate', { license_key: key, instance_id: instanceId });
  return res.status === 200 ? res.body : { valid: false, code: res.body.error.code };
}

/** A second context with the same session (cookies) in another colour scheme or zoom, for screenshots. */
export async function sameSession(browser: Browser, from: BrowserContext, app: ConsoleUnderTest, view: { colorScheme: 'light' | 'dark'; zoom: number }): Promise<ConsoleView> {
  const context = await openContext(browser, app.authority.url, view);
  await context.addCookies(await from.cookies());
  return { context, page: await context.newPage() };
}

/**
 * Screenshots (light, dark, 200 %) of the page at `path` as the signed-in `from` context sees it,
 * each page scanned once per theme: every axe rule in light; in dark, on the same page, the colour
 * rules (the theme changes colours only, shared/theme.css); none at 200 % (the same page larger,
 * checked for not scrolling sideways instead). `ready` waits for what the page shows once loaded.
 * Call it once per page and state, at the end of the test that reached the state, not after
 * every step.
 */
export async function checkConsoleViews(browser: Browser, from: BrowserContext, app: ConsoleUnderTest, path: string, name: string, ready: (page: Page) => Promise<void>): Promise<void> {
  const noSideways = async (page: Page, zoom: number) => {
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(sideways <= 1, `${name} at ${zoom * 100} % scrolls sideways by ${sideways}px`);
  };
  const themed = await sameSession(browser, from, app, { colorScheme: 'light', zoom: 1 });
  try {
    await themed.page.goto(`${app.authority.url}${path}`);
    await ready(themed.page);
    await checkConsolePage(themed.page, `${name}-light`, 'all');
    await noSideways(themed.page, 1);
    await themed.page.emulateMedia({ colorScheme: 'dark' });
    await checkConsolePage(themed.page, `${name}-dark`, 'colours');
  } finally {
    await themed.context.close();
  }
  // Its own context: 200 % is the device scale, which a context keeps for its life.
  const zoomed = await sameSession(browser, from, app, { colorScheme: 'light', zoom: 2 });
  try {
    await zoomed.page.goto(`${app.authority.url}${path}`);
    await ready(zoomed.page);
    await checkConsolePage(zoomed.page, `${name}-light-200`, 'none');
    await noSideways(zoomed.page, 2);
  } finally {
    await zoomed.context.close();
  }
}

/**
 * A real customer's support bundle, as the app saves it: a core activates `key` against the
 * authority, the vendor revokes that instance, the app's next validation shows ACTIVATION_REVOKED,
 * and the bundle is built from there. Returns the bundle file's text.
 */
export async function revokedCustomerBundle(app: ConsoleUnderTest, license: { key: string; id: number }): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'keyhole-console-bundle-'));
  try {
    const core = createLicenseCore({
      dataDir: join(dir, 'app'),
      product: demoProduct(),
      keySet: await authorityPublicKeys(app.authority.dataDir),
      appVersion: '1.2.0',
      identifierSource: staticIdentifierSource(OFFICE_PC),
      authorityUrl: app.authority.url,
      timeoutMs: 5_000,
      env: {},
    });
    assert.equal((await core.service.activateOnline(license.key)).status.state, 'active');
    const [activation] = (await adminCall(app, 'GET', `/admin/licenses/${license.id}/activations`)).body.activations;
    assert.equal((await adminCall(app, 'POST', `/admin/licenses/${license.id}/activations/${activation.id}/revoke`, {})).status, 200);
    assert.equal((await core.service.validateNow()).snapshot.status.code, 'ACTIVATION_REVOKED');
    return bundleText(await core.support.buildBundle());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
