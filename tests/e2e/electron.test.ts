import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright-core';
import { DEMO_ENV } from '../../node-core/app/license-env.ts';
import { probeElectron } from '../../scripts/start/electron-binary.ts';
import { startDemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { ensureBuilt, machine } from '../harness/browser/app-under-test.ts';
import { checkScreen } from '../harness/browser/chromium.ts';
import { expectBadge, typeKeyAndActivate, waitForApp } from '../harness/browser/flows.ts';

/*
 * The real Electron shell (main, preload, IPC door) where an Electron binary can launch. Where none
 * can (no network to download it, as in this repo's sandbox) the test is skipped and says why; the
 * browser-host tests cover the same renderer and handlers.
 */

const ROOT = join(import.meta.dirname, '..', '..');

test('Electron: the window opens on the evaluated state and activates through the IPC door', async (t) => {
  const probe = await probeElectron();
  if (!probe.ok) {
    t.skip(`no launchable Electron binary: ${probe.reason}`);
    return;
  }
  await ensureBuilt();
  const temp = mkdtempSync(join(tmpdir(), 'keyhole-electron-'));
  const authority = await startDemoAuthority({ dataDir: join(temp, 'authority') });
  try {
    const configPath = join(temp, 'product.json');
    writeFileSync(configPath, JSON.stringify(authority.productConfig));
    const fingerprintPath = join(temp, 'machine.json');
    writeFileSync(fingerprintPath, JSON.stringify(machine('electron')));
    const app = await _electron.launch({
      executablePath: probe.path,
      args: ['--no-sandbox', ROOT],
      env: {
        ...process.env,
        [DEMO_ENV.productConfig]: configPath,
        [DEMO_ENV.dataDir]: join(temp, 'app'),
        [DEMO_ENV.mode]: 'demo',
        KEYHOLE_FINGERPRINT_FILE: fingerprintPath,
      },
    });
    try {
      const page = await app.firstWindow();
      await waitForApp(page);
      await typeKeyAndActivate(page, authority.keys.find((k) => k.name === 'online')!.key);
      await expectBadge(page, 'Active');
      await checkScreen(page, 'electron-status');
    } finally {
      await app.close();
    }
  } finally {
    await authority.close();
    rmSync(temp, { recursive: true, force: true });
  }
});
