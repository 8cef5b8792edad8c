import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/* What a user does and reads, in a few verbs the E2E tests share. */

export const keyField = (page: Page) => page.getByLabel('License key');
export const badge = (page: Page) => page.getByTestId('status-badge');
export const errorPanel = (page: Page) => page.getByTestId('error-panel');

/** Waits for the first paint (the app renders nothing until the evaluated status is in). */
export async function waitForApp(page: Page): Promise<void> {
  await page.locator('main h2').first().waitFor();
}

export async function typeKeyAndActivate(page: Page, key: string): Promise<void> {
  await keyField(page).fill(key);
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
}

export async function expectBadge(page: Page, text: string | RegExp): Promise<void> {
  await badge(page).filter({ hasText: text }).waitFor();
}

/** Waits for the error panel with the catalog title and returns its text. */
export async function expectError(page: Page, title: string): Promise<string> {
  const panel = errorPanel(page).filter({ has: page.getByRole('heading', { name: title }) });
  await panel.waitFor();
  return panel.innerText();
}

export async function detail(page: Page, key: string): Promise<string> {
  return (await page.getByTestId(`detail-${key}`).locator('dd').innerText()).trim();
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

export async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
}

export function assertIncludes(text: string, part: string): void {
  assert.ok(text.includes(part), `expected to find "${part}" in:\n${text}`);
}
