import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLicenseKey } from '../../../shared/format/license-key.ts';
import type { CertificatePayload } from '../../../shared/license/certificate.ts';
import type { SupportBundle } from '../../../shared/support/bundle.ts';
import { manualClock } from '../../../node-core/clock.ts';
import { createLicenseCore, type LicenseCore } from '../../../node-core/create-license-core.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../../../node-core/fingerprint/identifier-source.ts';
import { bundleText } from '../../../node-core/support/bundle-file.ts';
import { closedPort } from '../core/loopback.ts';
import { OFFICE_PC, OTHER_PC } from '../core/machines.ts';
import type { TestSigner } from '../../../node-core/replay/scenario-signer.ts';

/*
 * Real cores brought into the states support meets, each saving its bundle the way the app does
 * (core.support.buildBundle → bundleText). Certificates come from a real Ed25519 test signer; the
 * "server" is a closed loopback port, so an online re-validation really fails.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const START = Date.UTC(2026, 2, 1, 9, 30);

export interface SavedBundle {
  readonly name: string;
  readonly file: string;
  readonly bundle: SupportBundle;
}

interface Machine {
  readonly dir: string;
  readonly core: LicenseCore;
  readonly clock: ReturnType<typeof manualClock>;
}

export function statesFor(root: string, signer: TestSigner) {
  async function open(name: string, raw: RawIdentifiers = OFFICE_PC, appVersion = '1.2.0', clock = manualClock(START)): Promise<Machine> {
    const dir = join(root, name);
    const core = createLicenseCore({
      dataDir: dir,
      product: signer.product,
      appVersion,
      identifierSource: staticIdentifierSource(raw),
      clock,
      authorityUrl: `http://127.0.0.1:${await closedPort()}`,
      timeoutMs: 500,
      env: {},
    });
    return { dir, core, clock };
  }

  /** Stores a signed certificate as a successful online activation would, answered 'ok' at issue time. */
  async function activate({ core, clock }: Machine, over: Partial<CertificatePayload> = {}, issuedAt = clock.now()): Promise<void> {
    const machine = await core.machine.get();
    const certificate = signer.sign(signer.payload(machine.instanceId, machine.fingerprint.compact, issuedAt, over));
    core.store.update((state) => ({
      ...state,
      activation: { certificate, licenseKey: generateLicenseKey(), mode: over.mode ?? 'online', activatedAt: issuedAt },
      lastValidation: { at: issuedAt, outcome: 'ok', httpStatus: 200 },
    }));
    // On disk before a state reopens this folder (a process's first writes wait for conf to load).
    await core.store.flushed();
  }

  async function save(name: string, { core }: Machine): Promise<SavedBundle> {
    const bundle = await core.support.buildBundle();
    const file = join(root, `${name}.json`);
    writeFileSync(file, bundleText(bundle));
    return { name, file, bundle };
  }

  return {
    async active() {
      const m = await open('active');
      await activate(m);
      return save('active', m);
    },
    async notActivated() {
      return save('not-activated', await open('not-activated'));
    },
    /** The app data copied to another computer. */
    async mismatch() {
      const original = await open('mismatch');
      await activate(original);
      return save('mismatch', await open('mismatch', OTHER_PC));
    },
    async expired() {
      const m = await open('expired');
      await activate(m, { expiresAt: START - 2 * DAY }, START - 30 * DAY);
      return save('expired', m);
    },
    async clockRollback() {
      const m = await open('clock-rollback');
      await activate(m);
      await m.core.service.getStatus();
      m.clock.set(START - 3 * DAY);
      return save('clock-rollback', m);
    },
    async unreadableStore() {
      const m = await open('unreadable');
      await activate(m);
      writeFileSync(join(m.dir, 'license.json'), 'not what conf wrote');
      return save('unreadable', await open('unreadable'));
    },
    /** Online, two days later, the license server does not answer. */
    async grace() {
      const m = await open('grace');
      await activate(m);
      m.clock.advance(2 * DAY);
      await m.core.service.validateNow();
      return save('grace', m);
    },
    async versionNotCovered() {
      const m = await open('version', OFFICE_PC, '3.1.0');
      await activate(m, { versions: { min: 1, max: 2 } });
      return save('version', m);
    },
  };
}
