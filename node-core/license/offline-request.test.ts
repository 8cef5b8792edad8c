import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { decodeRequestCode } from '../../shared/license/offline-codes.ts';
import { manualClock } from '../clock.ts';
import { createLicenseCore } from '../create-license-core.ts';
import { collectFingerprint } from '../fingerprint/collect-fingerprint.ts';
import { staticIdentifierSource } from '../fingerprint/identifier-source.ts';
import { parseStoredState } from '../store/license-store.ts';
import { emptyLicenseState } from '../store/license-state.ts';
import { OFFICE_PC } from '../../tests/harness/core/machines.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { createTestSigner } from '../replay/scenario-signer.ts';

const START = Date.UTC(2026, 4, 4, 8, 15);

describe('offline request code', () => {
  test('carries this machine: key, Instance ID, fingerprint, app version, time — and calls nobody', async (t) => {
    const signer = createTestSigner();
    let calls = 0;
    const core = createLicenseCore({
      dataDir: tempDir(t),
      product: { ...signer.product, authorityUrl: 'https://license.example.com/', manualActivationUrl: 'https://vendor.example.com/manual' },
      appVersion: '2.7.13-beta.1',
      identifierSource: staticIdentifierSource(OFFICE_PC),
      clock: manualClock(START),
      env: {},
      fetch: async () => { calls++; throw new Error('no network here'); },
    });
    const key = generateLicenseKey();
    const request = await core.service.createRequestCode(key.toLowerCase());
    const decoded = decodeRequestCode(request.requestCode);
    const compact = (await collectFingerprint(staticIdentifierSource(OFFICE_PC), signer.product.productId)).compact;
    assert.deepEqual(decoded, { licenseKey: key, instanceId: (await core.service.getStatus()).instanceId, fingerprint: compact, appVersion: { major: 2, minor: 7, patch: 13 }, createdAt: START });
    assert.equal(request.manualActivationUrl, 'https://vendor.example.com/manual', 'the product config wins');
    assert.deepEqual(request.supportContact, { email: signer.product.support.email, url: signer.product.support.url ?? null });
    assert.equal(calls, 0);
    assert.doesNotMatch(JSON.stringify(core.service.events()), new RegExp(key), 'no full key in the event log');
  });

  test('a malformed key is a format error with a hint, logged, and no code is made', async (t) => {
    const signer = createTestSigner();
    const core = createLicenseCore({ dataDir: tempDir(t), product: signer.product, appVersion: '1.0.0', identifierSource: staticIdentifierSource(OFFICE_PC), clock: manualClock(START), env: {} });
    await assert.rejects(core.service.createRequestCode('KH-12345'), (error: unknown) => error instanceof KeyholeError && error.code === 'LICENSE_FORMAT_INVALID' && Boolean(error.hint));
    assert.deepEqual([core.service.events().at(-1)?.action, core.service.events().at(-1)?.outcome], ['offline_request', 'LICENSE_FORMAT_INVALID']);
    assert.equal(core.store.state.offline.requestKey, null);
  });

  test('a store written before offline activation existed still opens, with nothing pending', () => {
    const { offline: _offline, ...before } = emptyLicenseState();
    const parsed = parseStoredState({ ...before, highestTimeSeen: START });
    assert.deepEqual(parsed?.offline, { requestKey: null, deactivation: null });
  });
});
