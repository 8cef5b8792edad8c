import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { FINGERPRINT_FILE_ENV } from '../../../node-core/fingerprint/identifier-source.ts';
import { OFFICE_PC } from '../core/machines.ts';
import { DEMO_ENV } from '../../../node-core/app/license-env.ts';
import type { app as standInApp } from './stand-in.ts';

/*
 * What loading the whole of main needs around it, as an unpackaged run (`npm start`) has it: a
 * temp user-data folder for app.getPath, the data folder named in the environment, and the
 * machine's identifiers from a file instead of the real hardware. Removed when the test file ends.
 */

export interface UnpackagedRun {
  /** Where the license store has to land (KEYHOLE_APP_DATA_DIR). */
  readonly dataDir: string;
  readonly userDataDir: string;
}

export function prepareUnpackagedRun(app: typeof standInApp): UnpackagedRun {
  const temp = mkdtempSync(join(tmpdir(), 'keyhole-glue-'));
  after(() => rmSync(temp, { recursive: true, force: true }));
  const dataDir = join(temp, 'data');
  const userDataDir = join(temp, 'user-data');
  const fingerprintFile = join(temp, 'machine.json');
  writeFileSync(fingerprintFile, JSON.stringify(OFFICE_PC));
  for (const name of Object.values(DEMO_ENV)) delete process.env[name];
  process.env[DEMO_ENV.dataDir] = dataDir;
  process.env[FINGERPRINT_FILE_ENV] = fingerprintFile;
  app.isPackaged = false;
  app.paths = { userData: userDataDir, downloads: join(temp, 'downloads') };
  return { dataDir, userDataDir };
}

/** Waits (bounded) until `done()` holds. */
export async function until(what: string, done: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const start = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() - start >= timeoutMs) throw new Error(`timed out waiting for ${what}`);
  }
}
