import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { generateLicenseKey, redactLicenseKey } from '../../shared/format/license-key.ts';
import { checkBundle } from '../../shared/support/bundle.ts';
import { manualClock } from '../clock.ts';
import { createLicenseCore } from '../create-license-core.ts';
import { collectFingerprint } from '../fingerprint/collect-fingerprint.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../fingerprint/identifier-source.ts';
import { closedPort } from '../../tests/harness/core/loopback.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { createTestSigner } from '../replay/scenario-signer.ts';
import { bundleText, supportBundleFileName } from './bundle-file.ts';

/* The promise made to customers: a support bundle never holds a raw serial or the full key. */

const START = Date.UTC(2026, 2, 1, 9, 30);
const KEY = generateLicenseKey((n) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255));
const MIDDLE = KEY.split('-').slice(2, 5).join('-');
const MISTYPED = `${KEY.slice(0, 10)}${KEY[10] === 'Z' ? 'Y' : 'Z'}${KEY.slice(11)}`;
// Distinctive raw values, so any leak is found by a plain text search.
const PLANTED: RawIdentifiers = {
  machineId: 'planted-machine-id-7f3a9c',
  systemUuid: 'planted-uuid-0000-4c4c-4544-b3c04f4e3432',
  baseboardSerial: 'PLANTED-BOARD-SN-99812',
  diskSerial: 'PLANTED-DISK-SN-S4EWNX0R',
  cpu: 'Planted|CPU|Model-1234',
  mac: 'aa:bb:cc:11:22:33',
};
const FORBIDDEN = [...Object.values(PLANTED).filter((v): v is string => v !== null), KEY, KEY.replace(/-/g, ''), MIDDLE, MIDDLE.replace(/-/g, '')];

function leaks(text: string): string[] {
  const upper = text.toUpperCase();
  return FORBIDDEN.filter((value) => upper.includes(value.toUpperCase()));
}

describe('support bundle from a real core', () => {
  test('holds hashes, the redacted key and the log tail, never a raw serial or the full key', async (t) => {
    const dir = tempDir(t);
    const signer = createTestSigner();
    const clock = manualClock(START);
    const core = createLicenseCore({
      dataDir: dir,
      product: signer.product,
      appVersion: '1.2.0',
      identifierSource: staticIdentifierSource(PLANTED),
      clock,
      authorityUrl: `http://127.0.0.1:${await closedPort()}`,
      timeoutMs: 500,
      env: {},
    });
    const { instanceId } = await core.service.getStatus();
    const compact = (await collectFingerprint(staticIdentifierSource(PLANTED), signer.product.productId)).compact;
    core.store.update((state) => ({
      ...state,
      activation: { certificate: signer.sign(signer.payload(instanceId, compact, clock.now())), licenseKey: KEY, mode: 'online', activatedAt: clock.now() },
      lastValidation: { at: clock.now(), outcome: 'ok', httpStatus: 200 },
    }));
    // Every path the key travels: a failed key change (server unreachable) and a mistyped key.
    await assert.rejects(core.service.changeKey(KEY.toLowerCase()), KeyholeError);
    await assert.rejects(core.service.changeKey(MISTYPED), KeyholeError);
    await core.service.validateNow();

    const bundle = await core.support.buildBundle({
      actionError: { action: 'change_key', error: new KeyholeError('SERVER_UNREACHABLE', `could not reach the server for ${KEY}`).toInfo() },
    });
    const json = bundleText(bundle);
    assert.deepEqual(leaks(json), []);
    assert.equal(bundle.licenseKeyRedacted, redactLicenseKey(KEY));
    assert.equal(bundle.instanceId, instanceId);
    assert.match(bundle.fingerprint.components.diskSerial ?? '', /^[0-9a-f]{64}$/);
    assert.equal(bundle.seen.code, 'GRACE_PERIOD');
    assert.ok(bundle.events.some((e) => e.action === 'change_key' && e.outcome === 'unreachable'));
    assert.ok(bundle.logTail.some((line) => JSON.parse(line).event === 'fingerprint.collected'));

    const logs = join(dir, 'logs');
    assert.equal(core.logger.folder, logs);
    for (const file of readdirSync(logs)) assert.deepEqual(leaks(readFileSync(join(logs, file), 'utf8')), [], file);

    const check = await checkBundle(JSON.parse(json));
    assert.equal(check.ok, true, check.ok ? '' : check.problem);
    const preview = core.support.describe(bundle).join('\n');
    assert.ok(preview.includes(`License key: ${redactLicenseKey(KEY)} (first and last group only`), preview);
    assert.match(preview, /6 of 6 components as salted hashes, no raw serials/);
    assert.match(supportBundleFileName(bundle), /^keyhole-support-[\w-]+-20260301-\d{4}\.json$/);
  });

  test('the log records license events and fingerprint timings, without values', async (t) => {
    const dir = tempDir(t);
    const signer = createTestSigner();
    const core = createLicenseCore({
      dataDir: dir,
      product: signer.product,
      appVersion: '1.2.0',
      identifierSource: staticIdentifierSource({ ...PLANTED, systemUuid: null }),
      clock: manualClock(START),
      authorityUrl: `http://127.0.0.1:${await closedPort()}`,
      timeoutMs: 500,
      env: {},
    });
    await assert.rejects(core.service.activateOnline(KEY), KeyholeError);
    const lines = core.logger.readTail(20).map((line) => JSON.parse(line));
    const fingerprint = lines.find((line) => line.event === 'fingerprint.collected');
    assert.deepEqual(Object.keys(fingerprint.ms).sort(), ['baseboardSerial', 'cpu', 'diskSerial', 'mac', 'machineId', 'systemUuid']);
    assert.ok(!fingerprint.readable.includes('systemUuid'));
    const activation = lines.find((line) => line.event === 'license.event');
    assert.deepEqual(
      [activation.level, activation.action, activation.outcome, activation.code, activation.detail],
      ['warn', 'activate', 'unreachable', 'SERVER_UNREACHABLE', redactLicenseKey(KEY)],
    );
  });
});
