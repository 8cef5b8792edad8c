import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { demoProduct } from '../../node-core/replay/scenario-signer.ts';
import { READ_ONLY_HINT } from '../../node-core/replay/replay-host.ts';
import { scenarioBundle } from '../../node-core/replay/scenario-bundle.ts';
import { missingScreenshots } from '../../scripts/generate-troubleshooting.ts';
import { CATALOG, ERROR_CODES } from '../../shared/errors/catalog.ts';
import { CHANNELS } from '../../shared/ipc/contract.ts';
import { BUNDLE_FORMAT_VERSION, checkBundle, sealBundle } from '../../shared/support/bundle.ts';
import { openScenario } from '../harness/browser/replay-under-test.ts';
import { ensureBuilt } from '../harness/browser/app-under-test.ts';
import { checkScreen, launchChromium } from '../harness/browser/chromium.ts';
import { expectError, readClipboard, waitForApp } from '../harness/browser/flows.ts';

/*
 * Scenario and replay modes: every code of the error catalog renders its own screen from generated
 * data (the same screens docs/screenshots/ shows), read-only in the page and at the door; and
 * `npm start -- --scenario/--replay` itself: a real run in the browser host, and the refusals
 * (unknown code → the list, exit 2; an edited, newer or foreign bundle → one sentence, exit 1).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START = ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')];
const ARTIFACTS = join(ROOT, 'test-results', 'screenshots');
/** Wizard with a failed action, status view in an error / warning / action-error state, the bare wizard. */
const AXE_SCANNED = new Set(['ACTIVATION_LIMIT_REACHED', 'LICENSE_MISMATCH', 'GRACE_PERIOD', 'INTERNAL_ERROR', 'NOT_ACTIVATED']);

let browser: Browser;
let scratch: string;
before(async () => {
  browser = await launchChromium();
  scratch = mkdtempSync(join(tmpdir(), 'keyhole-e2e-scenario-'));
  await ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Calls a verb through the page's own host, as the renderer would (secret from its session). */
async function callFromPage(page: Page, channel: string, args: unknown[]): Promise<{ ok: boolean; error?: { code: string; hint?: string } }> {
  return page.evaluate(
    async ({ channel, args }) => {
      const response = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-keyhole-secret': sessionStorage.getItem('keyhole.hostSecret') ?? '' },
        body: JSON.stringify({ channel, args }),
      });
      return response.json();
    },
    { channel, args },
  );
}

describe('scenario mode: every catalog code on its own screen', () => {
  for (const code of ERROR_CODES) {
    test(`${code}: "${CATALOG[code].title}", read-only`, async () => {
      const scenario = await openScenario(browser, code);
      try {
        const { page } = scenario;
        await page.getByTestId('replay-banner').filter({ hasText: `Scenario ${code}` }).waitFor();
        if (code === 'NOT_ACTIVATED') await page.getByRole('heading', { name: /Activate Keyhole Demo Studio/ }).waitFor();
        else await expectError(page, CATALOG[code].title);
        for (const name of ['Retry', 'Activate', 'Re-validate now', 'Deactivate this device']) {
          for (const button of await page.getByRole('button', { name, exact: true }).all()) assert.equal(await button.isDisabled(), true, `${name} is disabled`);
        }
        for (const verb of ['activateOnline', 'validateNow', 'deactivate'] as const) {
          const result = await callFromPage(page, CHANNELS[verb].channel, verb === 'activateOnline' ? ['KH-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA'] : []);
          assert.deepEqual([result.ok, result.error?.code, result.error?.hint], [false, 'UNAUTHORIZED', READ_ONLY_HINT], verb);
        }
        // Every screen is kept as an artifact; the axe scan (slow) runs on one of each kind of screen.
        if (AXE_SCANNED.has(code)) await checkScreen(page, `scenario-${code.toLowerCase()}`);
        else await page.screenshot({ path: join(ARTIFACTS, `scenario-${code.toLowerCase()}.png`), fullPage: true });
      } finally {
        await scenario.close();
      }
    });
  }

  test('"Copy details for support" in a replay hands on the bundle being shown, seal intact', async () => {
    const scenario = await openScenario(browser, 'LICENSE_MISMATCH');
    try {
      const { page } = scenario;
      await page.getByRole('button', { name: 'See what is in it' }).click();
      const dialog = page.getByTestId('support-dialog');
      await dialog.getByTestId('support-preview').filter({ hasText: 'What you see: LICENSE_MISMATCH' }).waitFor();
      await dialog.getByRole('button', { name: 'Copy the support details' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      const check = await checkBundle(JSON.parse(await readClipboard(page)));
      assert.ok(check.ok && check.bundle.seal === scenario.bundle.seal);
      assert.equal(await page.getByRole('button', { name: 'Open logs folder' }).count(), 0, 'a replay has no logs folder');
      await checkScreen(page, 'scenario-support-dialog');
    } finally {
      await scenario.close();
    }
  });

  test('the troubleshooting guide has a screenshot for every code (scripts/capture-screenshots.ts)', () => {
    assert.deepEqual(missingScreenshots(), []);
  });
});

describe('npm start -- --scenario / --replay', () => {
  function runStart(args: string[]) {
    return spawnSync(process.execPath, [...START, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  }

  test('an unknown scenario lists the valid ones and exits 2', () => {
    const run = runStart(['--scenario', 'LICENCE_EXPIRED']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /"LICENCE_EXPIRED" is not a code of the error catalog/);
    for (const code of ERROR_CODES) assert.ok(run.stderr.includes(code), code);
  });

  test('an edited, a newer or a foreign bundle: one clear sentence, exit 1, no stack trace', async () => {
    const { bundle } = await scenarioBundle('LICENSE_EXPIRED', demoProduct());
    const foreign = await scenarioBundle('LICENSE_EXPIRED', { ...demoProduct(), productId: 'someone-elses-app' });
    const { seal: _seal, ...unsealed } = bundle;
    const cases: [string, unknown, RegExp][] = [
      ['edited', { ...bundle, instanceId: 'AAAA-BBBB-CCCC-DDDD' }, /was edited after the app saved it/],
      ['newer', await sealBundle({ ...unsealed, bundleFormatVersion: BUNDLE_FORMAT_VERSION + 1 }), new RegExp(`format version ${BUNDLE_FORMAT_VERSION + 1}; this tool reads up to ${BUNDLE_FORMAT_VERSION}: update Keyhole`)],
      ['foreign', foreign.bundle, /the bundle is for product "someone-elses-app", but the product config .* is for "keyhole-demo-studio"/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(scratch, `${name}.json`);
      writeFileSync(file, JSON.stringify(content));
      const run = runStart(['--replay', file]);
      assert.equal(run.status, 1, `${name}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, message, name);
      assert.doesNotMatch(run.stderr, /\n\s+at /, `${name}: no stack trace`);
    }
  });

  test('a real run: --scenario opens the browser host on that screen, read-only', async () => {
    const child: ChildProcess = spawn(process.execPath, [...START, '--scenario', 'clock-rollback'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /(http:\/\/127\.0\.0\.1:\d+\/\?k=[\w-]+)/.exec(out);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing its address:\n${out}`)));
      });
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(url);
        await waitForApp(page);
        await page.getByTestId('replay-banner').filter({ hasText: 'Scenario CLOCK_ROLLBACK' }).waitFor();
        await expectError(page, CATALOG.CLOCK_ROLLBACK.title);
        assert.equal(await page.getByText('Read-only', { exact: true }).count(), 1);
      } finally {
        await context.close();
      }
    } finally {
      child.kill('SIGTERM');
    }
  });
});
