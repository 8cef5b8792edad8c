import { app } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProductConfig, type ProductConfig } from '../shared/product/config.ts';
import bundledProduct from '../build/product.json' with { type: 'json' };
import { createAppHost, type AppHost } from '../node-core/app/app-host.ts';
import { DEMO_ENV } from '../node-core/app/license-env.ts';
import { readReplayBundle } from '../node-core/replay/read-bundle.ts';
import { createReplayHost } from '../node-core/replay/replay-host.ts';
import { parseScenarioCode } from '../node-core/replay/scenarios.ts';
import { electronStoreOptions } from './electron-store-backend.ts';
import { electronSupportPlatform } from './support-platform.ts';

/*
 * The license side of main inside Electron: the store is electron-store (conf underneath) with its
 * data key protected by safeStorage (the OS keychain) where available. Demo and test overrides —
 * product config, data folder, fingerprint file, clock — are read from the environment ONLY in an
 * unpackaged run (`npm start`); a packaged app ignores them, so nobody can point an installed app
 * at their own authority and keys.
 */

function productConfig(devRun: boolean): ProductConfig {
  const override = devRun ? process.env[DEMO_ENV.productConfig] : undefined;
  return parseProductConfig(override ? JSON.parse(readFileSync(override, 'utf8')) : bundledProduct);
}

export async function setupLicenseHost(): Promise<AppHost> {
  const devRun = !app.isPackaged;
  const env = devRun ? process.env : {};
  const product = productConfig(devRun);
  const platform = electronSupportPlatform();
  // `npm start -- --replay/--scenario` (unpackaged only): the bundle was checked before Electron started.
  const replay = env[DEMO_ENV.replayBundle];
  if (replay) {
    const scenario = parseScenarioCode(env[DEMO_ENV.scenario] ?? '');
    return createReplayHost({ bundle: await readReplayBundle(replay), product, host: 'electron', platform, ...(scenario ? { scenario } : {}) });
  }
  return createAppHost({
    product,
    dataDir: env[DEMO_ENV.dataDir] || join(app.getPath('userData'), 'license'),
    appVersion: app.getVersion(),
    mode: env[DEMO_ENV.mode] === 'demo' ? 'demo' : 'normal',
    host: 'electron',
    platform,
    ...electronStoreOptions(),
    // The core reads its test hooks (fingerprint file, clock offset) from this env: empty when packaged.
    env,
  });
}
