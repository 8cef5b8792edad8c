import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { decodeRequestCode } from '../../shared/license/offline-codes.ts';
import { manualClock } from '../clock.ts';
import { createLicenseCore } from '../create-license-core.ts';
import { collectFingerprint } from '../fingerprint/collect-fingerprint.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../fingerprint/identifier-source.ts';
import { parseStoredState } from '../store/license-store.ts';
import { emptyLicenseState } from '../store/license-state.ts';
import { OFFICE_PC, OTHER_PC } from '../../tests/harness/core/machines.ts';
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
    assert.deepEqual(parsed?.offline, { requestKey: null, deactivation: null, request: null });
  });

  test('a store from before pending requests were kept opens with none pending, its key and deactivation code intact', () => {
    const deactivation = { code: 'KD-X', at: START, licenseId: 3, instanceId: 'ABCD', manualUrl: 'https://example.com/deactivate' };
    const parsed = parseStoredState({ ...emptyLicenseState(), offline: { requestKey: 'KH-KEY', deactivation } });
    assert.deepEqual(parsed?.offline, { requestKey: 'KH-KEY', deactivation, request: null });
  });
});

describe('the pending request', () => {
  const signer = createTestSigner();
  /** A core on `dataDir` (a reopened one is a restart), answering activate with a certificate the test signs. */
  function open(dataDir: string, machine: RawIdentifiers = OFFICE_PC) {
    const clock = manualClock(START);
    let certificate = '';
    const core = createLicenseCore({
      dataDir,
      product: signer.product,
      appVersion: '1.0.0',
      identifierSource: staticIdentifierSource(machine),
      clock,
      env: {},
      fetch: async () => new Response(JSON.stringify({ certificate, license: { status: 'active' } }), { headers: { 'content-type': 'application/json' } }),
    });
    /** A certificate for this machine, as the manual page (`offline`) or the authority (`online`) would sign it. */
    const codeFor = async (mode: 'online' | 'offline') => {
      const { instanceId } = await core.service.getStatus();
      const { compact } = await collectFingerprint(staticIdentifierSource(machine), signer.product.productId);
      certificate = signer.sign(signer.payload(instanceId, compact, clock.now(), mode === 'offline' ? { mode, leaseUntil: null } : {}));
      return certificate;
    };
    return { core, codeFor };
  }

  test('is offered again, the very same code, after a restart; an accepted activation code ends it', async (t) => {
    const dataDir = tempDir(t);
    const first = open(dataDir).core;
    const key = generateLicenseKey();
    const made = await first.service.createRequestCode(key);
    assert.deepEqual(await first.service.offlineRequest(), made, 'the answer and the pending step are one shape');
    const snapshot = JSON.stringify(await first.service.getStatus());
    assert.ok(!snapshot.includes('KR-') && !snapshot.includes(key), 'the snapshot every window gets carries neither the code nor the key');

    const { core, codeFor } = open(dataDir);
    const pending = await core.service.offlineRequest();
    assert.equal(pending?.requestCode, made.requestCode, 'the same code, not a fresh one');
    assert.equal(pending?.qrSvg, made.qrSvg);
    const activated = await core.service.activateOffline(await codeFor('offline'));
    assert.equal(activated.status.state, 'active');
    assert.equal(await core.service.offlineRequest(), null);
    assert.equal(open(dataDir).core.store.state.offline.request, null, 'gone from the store too');
  });

  test('activating another way (online) ends it too; starting over forgets it but keeps the key for a code brought back later', async (t) => {
    const online = open(tempDir(t));
    const key = generateLicenseKey();
    await online.core.service.createRequestCode(key);
    await online.codeFor('online');
    const activated = await online.core.service.activateOnline(key);
    assert.equal(activated.status.state, 'active');
    assert.equal(await online.core.service.offlineRequest(), null);

    const { core } = open(tempDir(t));
    await core.service.createRequestCode(key);
    core.service.discardRequestCode();
    assert.equal(await core.service.offlineRequest(), null);
    assert.equal(core.store.state.offline.requestKey, key);
    core.service.discardRequestCode();
    assert.equal(core.store.state.offline.request, null, 'starting over twice is harmless');
  });

  test('a store copied to another machine does not offer the original machine\'s request code', async (t) => {
    const dataDir = tempDir(t);
    await open(dataDir).core.service.createRequestCode(generateLicenseKey());
    const copied = open(dataDir, OTHER_PC).core;
    await copied.machine.get({ confirmed: true });
    assert.equal(await copied.service.offlineRequest(), null);
  });
});
