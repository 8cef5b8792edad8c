import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AppUnderTest } from './app-under-test.ts';
import { jsonClient } from '../authority/test-authority.ts';
import { readClipboard } from './flows.ts';

/*
 * The other half of offline activation in E2E: the authority's manual activation page in its own
 * browser page (a connected computer), and the app's offline screens as a user walks them.
 */

/** A second "computer": a fresh context on the manual page, allowed to use the clipboard there. */
export async function openManualPage(browser: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 900, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  await page.goto(url);
  return { page, close: () => context.close() };
}

/** Pastes a request code into the page, submits, and copies the activation code with the page's own button. */
export async function activationCodeFromPage(page: Page, requestCode: string): Promise<string> {
  await page.getByLabel(/^Request code/).fill(requestCode);
  await page.getByRole('button', { name: 'Get activation code' }).first().click();
  return copyActivationCode(page);
}

export async function copyActivationCode(page: Page): Promise<string> {
  await page.locator('#activation-code').waitFor();
  await page.getByRole('button', { name: 'Copy activation code' }).click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  return readClipboard(page);
}

/** The page's error panel heading (a catalog title) and its whole text. */
export async function pageError(page: Page): Promise<{ title: string; text: string }> {
  const panel = page.locator('section.error');
  await panel.waitFor();
  return { title: (await panel.locator('h2').innerText()).trim(), text: await panel.innerText() };
}

/**
 * App: "Activate offline" → key → request code; returns the request code as copied by the app's
 * button. A request code made earlier is offered first (step 2): "Start over" leads to the key.
 */
export async function requestCodeFromApp(page: Page, licenseKey: string): Promise<string> {
  const keyField = page.locator('#offline-license-key');
  const requestCard = page.getByTestId('request-card');
  if (!(await keyField.isVisible())) {
    if (!(await requestCard.isVisible())) await page.getByRole('button', { name: 'Activate offline' }).click();
    await keyField.or(requestCard).waitFor();
    if (await requestCard.isVisible()) await requestCard.getByRole('button', { name: 'Start over' }).click();
  }
  await keyField.fill(licenseKey);
  await page.getByRole('button', { name: 'Create request code' }).click();
  await page.getByTestId('request-card').waitFor();
  await page.getByRole('button', { name: 'Copy request code' }).click();
  await page.getByRole('button', { name: 'Copied' }).waitFor();
  return readClipboard(page);
}

/** App, step 3: paste the activation code and activate. */
export async function enterActivationCode(page: Page, code: string): Promise<void> {
  const next = page.getByRole('button', { name: 'Next: enter the activation code' });
  if (await next.isVisible()) await next.click();
  await page.getByRole('textbox', { name: 'Activation code' }).fill(code);
  await page.getByRole('button', { name: 'Activate with this code' }).click();
}

/** Orders a license of a new plan on the demo authority (admin API). */
export function orderLicense(app: AppUnderTest, plan: Record<string, unknown>): Promise<{ key: string; id: number }> {
  return jsonClient(app.authority.url, app.authority.adminToken).order(plan);
}

/** One channel of the contract, called through the browser host like the renderer calls it. */
function callHost<T>(page: Page, channel: string): Promise<T> {
  return page.evaluate(async (name) => {
    const response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-keyhole-secret': sessionStorage.getItem('keyhole.hostSecret') ?? '' },
      body: JSON.stringify({ channel: name, args: [] }),
    });
    const result = (await response.json()) as { ok: boolean; value?: unknown };
    if (!result.ok) throw new Error(`${name} failed`);
    return result.value as T;
  }, channel);
}

/** What main holds as the pending deactivation code. */
export async function pendingDeactivationCode(page: Page): Promise<string | null> {
  return (await callHost<{ code: string } | null>(page, 'keyhole:offline:pending-deactivation'))?.code ?? null;
}

/** The license view as any window reads it (getLicense), serialized: what a read-only page could see. */
export async function licenseViewText(page: Page): Promise<string> {
  return JSON.stringify(await callHost<unknown>(page, 'keyhole:license:status'));
}

/** The request code main offers again (getOfflineRequest), or null. */
export async function pendingRequestCode(page: Page): Promise<string | null> {
  return (await callHost<{ requestCode: string } | null>(page, 'keyhole:offline:pending-request'))?.requestCode ?? null;
}
