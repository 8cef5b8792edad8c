import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { certificateDigest, encodeDeactivationCode, encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { decodeActivationCode } from '../../shared/license/certificate.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { createOffsetClock } from '../clock.ts';
import { loadProductConfig } from '../product-config.ts';
import { newInstanceId, PLAN, startTestAuthority, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';

/*
 * The admin side of the offline exchange (request code → activation code, deactivation code →
 * freed slot) and the certificate digest every issuing route records for it.
 */

const catalog = pluginCatalog(loadProductConfig());
const FINGERPRINT = { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 };

describe('offline activation and deactivation on the admin API', () => {
  const clock = createOffsetClock();
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority({ clock });
  });
  after(() => t.close());

  const deactivationCode = async (licenseId: number, instanceId: string, certificate: string) =>
    encodeDeactivationCode({ licenseId, instanceId, certificateDigest: await certificateDigest(certificate, catalog), deactivatedAt: clock.now() });

  test('POST /admin/offline-activations accepts {request_code}; offline-only plans are fine', async () => {
    const { key, id } = await t.order({ ...PLAN, mode: 'offline' });
    const instanceId = newInstanceId();
    const request_code = encodeRequestCode({ licenseKey: key, instanceId, fingerprint: FINGERPRINT, appVersion: { major: 2, minor: 0, patch: 1 }, createdAt: clock.now() });
    const res = await t.admin('POST', '/admin/offline-activations', { request_code });
    assert.equal(res.status, 201);
    const { payload } = decodeActivationCode(res.body.certificate, catalog);
    assert.deepEqual([payload.licenseId, payload.instanceId, payload.mode, payload.fingerprint], [id, instanceId, 'offline', FINGERPRINT]);
    assert.deepEqual(res.body.activation.metadata.app_version, '2.0.1');

    const damaged = await t.admin('POST', '/admin/offline-activations', { request_code: request_code.slice(0, -5) });
    assert.deepEqual([damaged.status, damaged.body.error.code], [400, 'REQUEST_CODE_FORMAT_INVALID']);
    const mixed = await t.admin('POST', '/admin/offline-activations', { request_code, license_key: key });
    assert.deepEqual([mixed.status, mixed.body.error.code], [400, 'REQUEST_INVALID']);
    const classic = await t.admin('POST', '/admin/offline-activations', { license_key: key, instance_id: newInstanceId() });
    assert.equal(classic.status, 201, 'the key + Instance ID body still works');
  });

  test('online activate and validate record the digest of the last certificate; only that one deactivates offline', async () => {
    const { key, id } = await t.order(PLAN);
    const instance_id = newInstanceId();
    const activated = await t.post('/license/activate', { license_key: key, instance_id });
    clock.advance(3 * 60_000);
    const validated = await t.post('/license/validate', { license_key: key, instance_id });
    assert.equal(validated.body.valid, true);
    assert.notEqual(validated.body.certificate, activated.body.certificate);

    const stale = await t.admin('POST', '/admin/offline-deactivations', { deactivation_code: await deactivationCode(id, instance_id, activated.body.certificate) });
    assert.deepEqual([stale.status, stale.body.error.code], [409, 'DEACTIVATION_CODE_MISMATCH']);

    const current = await deactivationCode(id, instance_id, validated.body.certificate);
    const freed = await t.admin('POST', '/admin/offline-deactivations', { deactivation_code: current });
    assert.equal(freed.status, 200);
    assert.deepEqual([freed.body.deactivated, freed.body.already_free, freed.body.license.activations_used], [true, false, 0]);
    const again = await t.admin('POST', '/admin/offline-deactivations', { deactivation_code: current });
    assert.equal(again.body.already_free, true);
    const revalidated = await t.post('/license/validate', { license_key: key, instance_id });
    assert.deepEqual([revalidated.body.valid, revalidated.body.code], [false, 'NOT_ACTIVATED']);
  });

  test('validating within the same minute hands out the same certificate', async () => {
    const { key } = await t.order(PLAN);
    const instance_id = newInstanceId();
    await t.post('/license/activate', { license_key: key, instance_id });
    clock.advance(60_000 - (clock.now() % 60_000) + 1000); // the start of a minute, so two calls share it
    const one = await t.post('/license/validate', { license_key: key, instance_id });
    const two = await t.post('/license/validate', { license_key: key, instance_id });
    assert.equal(one.body.certificate, two.body.certificate);
  });
});
