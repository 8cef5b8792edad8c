/*
 * The child process of the start-up benchmark (bundled and run by startup.ts): a fresh Node process
 * does what the app does before its first paint — open the activated store, fingerprint this
 * machine, verify the stored certificate, evaluate — then prints its own timings as one JSON line
 * and exits at once.
 *   argv: <dataDir> <product config JSON file> <'real' | 'static'>
 * 'real' is the default systeminformation source; 'static' injects a fixed machine, so the
 * difference between the two is the fingerprint's share.
 */
import { readFileSync, writeSync } from 'node:fs';
import { createLicenseCore } from '../../../node-core/create-license-core.ts';
import { staticIdentifierSource } from '../../../node-core/fingerprint/identifier-source.ts';
import { OFFICE_PC } from '../../harness/core/machines.ts';
import { parseProductConfig } from '../../../shared/product/config.ts';

/** What one probe run reports; all times in ms since this process started. */
export interface ProbeReport {
  /** Modules loaded, before any work. */
  readonly loadedAt: number;
  /** createLicenseCore(): store opened and decrypted, logger ready. */
  readonly coreMs: number;
  /** The first getStatus(): fingerprint collection, verification, evaluation. */
  readonly coldMs: number;
  /** Median of the next WARM_CALLS getStatus() calls (fingerprint cached, as on every later call). */
  readonly warmMs: number;
  /** The evaluated state, to show the probe evaluated a real activation. */
  readonly state: string;
}

const WARM_CALLS = 5;
const [dataDir, productFile, source] = process.argv.slice(2);
if (!dataDir || !productFile || (source !== 'real' && source !== 'static')) {
  throw new Error('usage: startup-probe <dataDir> <product.json> <real|static>');
}

const loadedAt = performance.now();
const product = parseProductConfig(JSON.parse(readFileSync(productFile, 'utf8')));
const core = createLicenseCore({
  dataDir,
  product,
  appVersion: '1.0.0',
  // No test hooks from the environment: the real clock, and the real machine unless 'static'.
  env: {},
  ...(source === 'static' ? { identifierSource: staticIdentifierSource(OFFICE_PC) } : {}),
});
const coreDone = performance.now();
const status = await core.service.getStatus();
const coldDone = performance.now();
const warm: number[] = [];
for (let i = 0; i < WARM_CALLS; i++) {
  const started = performance.now();
  await core.service.getStatus();
  warm.push(performance.now() - started);
}
warm.sort((a, b) => a - b);

const report: ProbeReport = {
  loadedAt,
  coreMs: coreDone - loadedAt,
  coldMs: coldDone - coreDone,
  warmMs: warm[Math.floor(WARM_CALLS / 2)]!,
  state: status.status.state,
};
writeSync(1, `${JSON.stringify(report)}\n`);
// The app would go on running; the benchmark's wall time ends with the evaluated status.
process.exit(0);
