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

/**
 * Reads the fix steps of every error panel on screen and checks that each control a step names
 * in quotes is a button on this screen that can be pressed. Steps about the app on another
 * device ("On a machine you no longer use, … choose "Deactivate this device"") are not about this
 * screen and are skipped. Returns the steps it read.
 */
export async function assertNamedControlsUsable(page: Page): Promise<string[]> {
  const steps = await page.getByTestId('fix-steps').locator('li').allInnerTexts();
  for (const step of steps) {
    if (/^On (a|an air-gapped or offline|that) (machine|device)\b/.test(step)) continue;
    for (const [, name] of step.matchAll(/"([^"]+)"/g)) {
      const control = page.getByRole('button', { name: name!, exact: true });
      assert.ok((await control.count()) > 0, `"${name}" named in "${step}" is not on this screen`);
      assert.ok(await control.first().isEnabled(), `"${name}" named in "${step}" is disabled`);
    }
  }
  return steps;
}
