import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { offsetClock, systemClock } from '../../node-core/clock.ts';
import { staticIdentifierSource } from '../../node-core/fingerprint/identifier-source.ts';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { startStudio } from '../../examples/studio/studio-host.ts';
import { DAY, ensureBuilt, machine } from '../harness/browser/app-under-test.ts';
import { checkScreen, launchChromium, openContext } from '../harness/browser/chromium.ts';
import { expectBadge, typeKeyAndActivate, waitForApp } from '../harness/browser/flows.ts';
import { tempDir } from '../harness/core/temp-dir.ts';

/*
 * The example product in Chromium: Studio's own page (keyhole/react) served beside the activation
 * screens by keyhole/node's browser license, against a real demo authority. The user activates
 * from Studio's Help menu; the panels follow the license (plugins, revocation, grace).
 */

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'studio');
const HOUR = 3_600_000;

let browser: Browser;
before(async () => {
  browser = await launchChromium();
  await ensureBuilt();
});
after(async () => {
  await browser?.close();
});

interface StudioUnderTest {
  readonly page: Page;
  readonly authority: DemoAuthority;
  stopAuthority(): Promise<void>;
  key(name: string): string;
  setClockOffset(ms: number): void;
}

async function openStudio(t: TestContext): Promise<StudioUnderTest> {
  const dir = tempDir(t);
  const authority = await startDemoAuthority({ dataDir: join(dir, 'authority') });
  let live = true;
  t.after(() => (live ? authority.close() : undefined));
  let offset = 0;
  const studio = await startStudio({
    product: authority.productConfig,
    dataDir: join(dir, 'studio'),
    appVersion: '1.0.0',
    mode: 'demo',
    clock: offsetClock(systemClock, () => offset),
    identifierSource: staticIdentifierSource(machine('studio')),
    tickMs: 200,
    retryMs: 200,
  });
  t.after(() => studio.close());
  const context = await openContext(browser, studio.license.origin, { colorScheme: 'light', zoom: 1 });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(studio.url);
  return {
    page,
    authority,
    async stopAuthority() {
      live = false;
      await authority.close();
    },
    key: (name) => authority.keys.find((k) => k.name === name)?.key ?? assert.fail(`no demo key ${name}`),
    setClockOffset: (ms) => void (offset = ms),
  };
}

const panel = (page: Page, plugin: string) => page.getByTestId(`panel-${plugin}`);

async function licensedPanels(page: Page): Promise<string[]> {
  const panels = await page.locator('[data-testid^="panel-"][data-licensed="true"]').all();
  return Promise.all(panels.map(async (element) => ((await element.getAttribute('data-testid')) ?? '').replace('panel-', '')));
}

/** Help → License… opens the activation screens in their own window; activates `key` there. */
async function activateFromHelpMenu(page: Page, key: string): Promise<Page> {
  await page.getByRole('button', { name: 'Help' }).click();
  const [activation] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'License…' }).click()]);
  await waitForApp(activation);
  await typeKeyAndActivate(activation, key);
  await expectBadge(activation, 'Active');
  return activation;
}

describe('examples/studio in the browser host', () => {
  test('few-plugins key from the Help menu: only the Reports panel and menu item', async (t) => {
    const { page, key } = await openStudio(t);
    await panel(page, 'reports').waitFor();
    assert.deepEqual(await licensedPanels(page), [], 'nothing is licensed before activation');
    await page.getByTestId('license-banner').filter({ hasText: CATALOG.NOT_ACTIVATED.title }).waitFor();
    await checkScreen(page, 'not-activated', SCREENSHOTS);

    const activation = await activateFromHelpMenu(page, key('few-plugins'));
    await page.locator('[data-testid="panel-reports"][data-licensed="true"]').waitFor();
    assert.deepEqual(await licensedPanels(page), ['reports']);
    await page.getByRole('button', { name: 'Plugins' }).click();
    assert.equal(await page.getByTestId('menu-reports').isEnabled(), true);
    assert.equal(await page.getByTestId('menu-sync').isEnabled(), false);
    assert.equal(await page.getByTestId('license-banner').count(), 0, 'no banner while active');
    await checkScreen(page, 'few-plugins', SCREENSHOTS);
    await checkScreen(activation, 'activation-window', SCREENSHOTS);
  });

  test('the vendor revokes: features off after the next validation, with the catalog explanation', async (t) => {
    const { page, key, authority, setClockOffset } = await openStudio(t);
    await activateFromHelpMenu(page, key('online'));
    await page.locator('[data-testid="panel-reports"][data-licensed="true"]').waitFor();

    const admin = { authorization: `Bearer ${authority.adminToken}` };
    const listed = await fetch(`${authority.url}/admin/licenses/${key('online')}/activations`, { headers: admin });
    const { activations } = (await listed.json()) as { activations: { id: number; status: string }[] };
    const active = activations.find((a) => a.status === 'active') ?? assert.fail('no active activation');
    const revoked = await fetch(`${authority.url}/admin/licenses/${key('online')}/activations/${active.id}/revoke`, { method: 'POST', headers: admin });
    assert.equal(revoked.status, 200);
    assert.deepEqual((await licensedPanels(page)).includes('reports'), true, 'still on until the next validation');

    // The next scheduled validation (the product config re-validates every few hours).
    setClockOffset(authority.productConfig.revalidateEveryHours * HOUR + HOUR);
    const banner = page.getByTestId('license-banner').filter({ hasText: CATALOG.ACTIVATION_REVOKED.title });
    await banner.waitFor();
    assert.ok((await banner.innerText()).includes(CATALOG.ACTIVATION_REVOKED.explanation));
    assert.deepEqual(await licensedPanels(page), []);
    await checkScreen(page, 'revoked', SCREENSHOTS);
  });

  test('authority down: grace banner with the days left, features stay on', async (t) => {
    const { page, key, stopAuthority, setClockOffset } = await openStudio(t);
    await activateFromHelpMenu(page, key('online'));
    await page.locator('[data-testid="panel-reports"][data-licensed="true"]').waitFor();
    const before = await licensedPanels(page);
    await stopAuthority();
    setClockOffset(2 * DAY);
    const banner = page.getByTestId('license-banner').filter({ hasText: /Working offline — \d+ days? left/ });
    await banner.waitFor();
    const days = Number(/(\d+) days? left/.exec(await banner.innerText())![1]);
    assert.ok(days >= 4 && days <= 6, `about five days left, got ${days}`);
    assert.ok((await banner.innerText()).includes(CATALOG.GRACE_PERIOD.explanation));
    assert.deepEqual(await licensedPanels(page), before, 'features stay on in grace');
    await checkScreen(page, 'grace', SCREENSHOTS);
  });
});
