import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateKeyPairSync } from 'node:crypto';
import { decodeActivationCode } from '../../shared/license/certificate.ts';
import { toBase64Url, verifyActivationCode, type PublicKeySet } from '../../shared/license/signing.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { createOffsetClock } from '../clock.ts';
import { loadProductConfig } from '../product-config.ts';
import { newInstanceId, PLAN, startTestAuthority, withoutRequestId, type TestAuthority } from '../../tests/harness/authority/test-authority.ts';
import { toWireFingerprint } from '../../shared/license/fingerprint.ts';

const catalog = pluginCatalog(loadProductConfig());
const FINGERPRINT = { machineId: 11, systemUuid: 22, baseboardSerial: 0, diskSerial: 33, cpu: 44, mac: 55 };
const DAY = 86_400_000;

async function wellKnownKeySet(t: TestAuthority): Promise<PublicKeySet> {
  const body = (await fetch(`${t.url}/.well-known/keyhole.json`).then((r) => r.json())) as {
    product_id: string;
    keys: { id: number; public_key: string }[];
  };
  return { productId: body.product_id, keys: body.keys.map((k) => ({ id: k.id, publicKey: k.public_key })) };
}

describe('public license API over HTTP', () => {
  const clock = createOffsetClock();
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority({ clock });
  });
  after(() => t.close());

  test('activate returns the license, the activation and a certificate that verifies against the well-known keys', async () => {
    const { key, id } = await t.order(PLAN);
    const instance = newInstanceId();
    const res = await t.post('/license/activate', {
      license_key: key.toLowerCase().replace(/-/g, ' '),
      instance_id: instance,
      instance_name: 'Build box',
      fingerprint: toWireFingerprint(FINGERPRINT),
      metadata: { os: 'Linux', app_version: '1.2.0' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.license.id, id);
    assert.equal(res.body.license.activations_used, 1);
    assert.equal(res.body.license.activation_limit, 5);
    assert.deepEqual(res.body.license.plugins, ['reports', 'sync']);
    assert.equal(res.body.activation.instance_id, instance);
    assert.equal(res.body.activation.instance_name, 'Build box');

    const { payload } = await verifyActivationCode(res.body.certificate, await wellKnownKeySet(t), catalog);
    assert.equal(payload.licenseId, id);
    assert.equal(payload.instanceId, instance);
    assert.deepEqual(payload.fingerprint, FINGERPRINT);
    assert.equal(payload.mode, 'online');
    assert.deepEqual(payload.plugins, ['reports', 'sync']);
    assert.equal(payload.expiresAt, null);
    assert.ok(payload.leaseUntil !== null && payload.leaseUntil > clock.now() + 6 * DAY);
  });

  test('the certificate fails against a foreign key set with the same key id', async () => {
    const { key } = await t.order(PLAN);
    const res = await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
    const genuine = await wellKnownKeySet(t);
    const raw = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const foreign: PublicKeySet = { productId: genuine.productId, keys: genuine.keys.map((k) => ({ id: k.id, publicKey: toBase64Url(new Uint8Array(raw)) })) };
    await assert.rejects(verifyActivationCode(res.body.certificate, foreign, catalog), (e: unknown) => e instanceof KeyholeError && e.code === 'LICENSE_INVALID');
    await assert.rejects(verifyActivationCode(res.body.certificate, { ...genuine, productId: 'other-product' }, catalog), KeyholeError);
  });

  test('re-activating the same instance keeps its slot and returns a fresh certificate', async () => {
    const { key } = await t.order({ ...PLAN, activation_limit: 1 });
    const instance = newInstanceId();
    const first = await t.post('/license/activate', { license_key: key, instance_id: instance });
    clock.advance(5 * 60_000);
    const second = await t.post('/license/activate', { license_key: key, instance_id: instance, fingerprint: toWireFingerprint(FINGERPRINT) });
    clock.setOffset(0);
    assert.equal(second.status, 200);
    assert.equal(second.body.activation.id, first.body.activation.id);
    assert.equal(second.body.license.activations_used, 1);
    assert.notEqual(second.body.certificate, first.body.certificate);
    assert.deepEqual(decodeActivationCode(second.body.certificate, catalog).payload.fingerprint, FINGERPRINT);
  });

  test('the limit refuses a new instance with 409 and used/limit', async () => {
    const { key } = await t.order({ ...PLAN, activation_limit: 1 });
    await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
    const res = await t.post('/license/activate', { license_key: key, instance_id: newInstanceId() });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'ACTIVATION_LIMIT_REACHED');
    assert.equal(res.body.error.message, CATALOG.ACTIVATION_LIMIT_REACHED.title);
    assert.equal(res.body.error.used, 1);
    assert.equal(res.body.error.limit, 1);
  });

  test('unknown key 404, expired 410, deactivated 403, offline-only 403', async () => {
    const unknown = await t.post('/license/activate', { license_key: generateLicenseKey(), instance_id: newInstanceId() });
    assert.equal(unknown.status, 404);
    assert.deepEqual(withoutRequestId(unknown), { error: { code: 'LICENSE_INVALID', message: CATALOG.LICENSE_INVALID.title } });

    const expired = await t.order({ ...PLAN, expiry: { value: 30, unit: 'days' } });
    clock.setOffset(31 * DAY);
    const late = await t.post('/license/activate', { license_key: expired.key, instance_id: newInstanceId() });
    clock.setOffset(0);
    assert.equal(late.status, 410);
    assert.equal(late.body.error.code, 'LICENSE_EXPIRED');
    assert.match(late.body.error.expires_at, /^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);

    const deactivated = await t.order(PLAN);
    await t.admin('POST', `/admin/licenses/${deactivated.id}/deactivate`);
    const refused = await t.post('/license/activate', { license_key: deactivated.key, instance_id: newInstanceId() });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'LICENSE_DEACTIVATED');

    const offline = await t.order({ ...PLAN, mode: 'offline' });
    const online = await t.post('/license/activate', { license_key: offline.key, instance_id: newInstanceId() });
    assert.equal(online.status, 403);
    assert.equal(online.body.error.code, 'OFFLINE_ONLY_PLAN');
  });

  test('validate reports the license, refreshes the certificate and last-seen time', async () => {
    const { key } = await t.order(PLAN);
    const instance = newInstanceId();
    const activated = await t.post('/license/activate', { license_key: key, instance_id: instance });
    const withoutInstance = await t.post('/license/validate', { license_key: key });
    assert.equal(withoutInstance.status, 200);
    assert.equal(withoutInstance.body.valid, true);
    assert.equal(withoutInstance.body.certificate, undefined);

    clock.setOffset(2 * DAY);
    const res = await t.post('/license/validate', { license_key: key, instance_id: instance });
    const leaseOf = (code: string) => decodeActivationCode(code, catalog).payload.leaseUntil as number;
    clock.setOffset(0);
    assert.equal(res.status, 200);
    assert.deepEqual([res.body.valid, res.body.code], [true, 'VALID']);
    assert.deepEqual(
      Object.keys(res.body.license).sort(),
      ['activation_limit', 'activations_used', 'expires_at', 'id', 'plan', 'plugins', 'status'],
    );
    assert.ok(leaseOf(res.body.certificate) > leaseOf(activated.body.certificate) + DAY);
    assert.ok(Date.parse(res.body.activation.last_seen_at) > Date.parse(activated.body.activation.last_seen_at) + DAY);
  });

  test('revoke, deactivate and regenerate take effect on the very next validate', async () => {
    const { key, id } = await t.order(PLAN);
    const [a, b] = [newInstanceId(), newInstanceId()];
    const first = await t.post('/license/activate', { license_key: key, instance_id: a });
    await t.post('/license/activate', { license_key: key, instance_id: b });

    await t.admin('POST', `/admin/licenses/${id}/activations/${first.body.activation.id}/revoke`);
    const revoked = await t.post('/license/validate', { license_key: key, instance_id: a });
    assert.deepEqual([revoked.status, revoked.body.valid, revoked.body.code], [200, false, 'ACTIVATION_REVOKED']);
    assert.equal(revoked.body.license.activations_used, 1);

    const regenerated = await t.admin('POST', `/admin/licenses/${id}/regenerate`);
    const oldKey = await t.post('/license/validate', { license_key: key, instance_id: b });
    assert.deepEqual([oldKey.status, oldKey.body.error.code], [404, 'LICENSE_INVALID']);
    const newKey = regenerated.body.license.key as string;
    const afterRegenerate = await t.post('/license/validate', { license_key: newKey, instance_id: b });
    assert.deepEqual([afterRegenerate.body.valid, afterRegenerate.body.code], [false, 'ACTIVATION_REVOKED']);

    await t.post('/license/activate', { license_key: newKey, instance_id: b });
    await t.admin('POST', `/admin/licenses/${id}/deactivate`);
    const deactivated = await t.post('/license/validate', { license_key: newKey, instance_id: b });
    assert.deepEqual([deactivated.body.valid, deactivated.body.code, deactivated.body.license.status], [false, 'LICENSE_DEACTIVATED', 'deactivated']);
  });

  test('validate of an expired license says so with the expiry; of a never-activated instance NOT_ACTIVATED', async () => {
    const { key, id } = await t.order(PLAN);
    const never = await t.post('/license/validate', { license_key: key, instance_id: newInstanceId() });
    assert.deepEqual([never.body.valid, never.body.code], [false, 'NOT_ACTIVATED']);
    await t.admin('POST', `/admin/licenses/${id}/expiry`, { expires_at: '2021-01-01' });
    const expired = await t.post('/license/validate', { license_key: key });
    assert.deepEqual([expired.body.valid, expired.body.code, expired.body.license.expires_at], [false, 'LICENSE_EXPIRED', '2021-01-01T00:00:00.000Z']);
  });

  test('deactivate frees the slot for another instance; a second deactivate is NOT_ACTIVATED', async () => {
    const { key } = await t.order({ ...PLAN, activation_limit: 1 });
    const [a, b] = [newInstanceId(), newInstanceId()];
    await t.post('/license/activate', { license_key: key, instance_id: a });
    const freed = await t.post('/license/deactivate', { license_key: key, instance_id: a });
    assert.deepEqual([freed.status, freed.body.deactivated, freed.body.license.activations_used], [200, true, 0]);
    assert.equal((await t.post('/license/activate', { license_key: key, instance_id: b })).status, 200);
    const again = await t.post('/license/deactivate', { license_key: key, instance_id: a });
    assert.deepEqual([again.status, again.body.error.code], [404, 'NOT_ACTIVATED']);
    const validated = await t.post('/license/validate', { license_key: key, instance_id: a });
    assert.deepEqual([validated.body.valid, validated.body.code], [false, 'NOT_ACTIVATED']);
  });
});

describe('malformed requests get 400 naming what is wrong', () => {
  let t: TestAuthority;
  before(async () => {
    t = await startTestAuthority({ bodyLimitBytes: 1024 });
  });
  after(() => t.close());

  const cases: [string, unknown, string, RegExp][] = [
    ['malformed JSON', '{"license_key": ', 'REQUEST_INVALID', /not valid JSON/],
    ['empty body', '', 'REQUEST_INVALID', /empty/],
    ['an array', '[]', 'REQUEST_INVALID', /expected object/],
    ['wrong type', { license_key: 42, instance_id: 'x' }, 'REQUEST_INVALID', /license_key: .*expected string/],
    ['unknown field', { license_key: 'KH', instance_id: 'x', admin: true }, 'REQUEST_INVALID', /Unrecognized key.*admin/],
    ['missing field', { license_key: 'KH-1' }, 'REQUEST_INVALID', /instance_id/],
    ['fingerprint out of range', { license_key: 'x', instance_id: 'x', fingerprint: { ...toWireFingerprint(FINGERPRINT), mac: 64 } }, 'REQUEST_INVALID', /fingerprint\.mac/],
    ['fingerprint with a foreign component', { license_key: 'x', instance_id: 'x', fingerprint: { ...toWireFingerprint(FINGERPRINT), gpu: 1 } }, 'REQUEST_INVALID', /gpu/],
    ['truncated key', { license_key: 'KH-ABCDE-FGH', instance_id: newInstanceId() }, 'LICENSE_FORMAT_INVALID', /truncated|characters/],
    ['bad instance id', { license_key: generateLicenseKey(), instance_id: 'ABCD' }, 'REQUEST_INVALID', /instance_id/],
    ['oversized body', { license_key: 'x'.repeat(5000), instance_id: 'x' }, 'REQUEST_INVALID', /larger than the limit of 1024 bytes/],
  ];
  for (const [name, body, code, hint] of cases) {
    test(name, async () => {
      const res = await t.post('/license/activate', body);
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, code);
      assert.match(res.body.error.hint, hint);
      assert.doesNotMatch(JSON.stringify(res.body), /at .*\.ts:\d+/);
    });
  }

  test('unknown route 404, wrong method 405 with Allow', async () => {
    const missing = await t.post('/license/activate-now', {});
    assert.deepEqual([missing.status, missing.body.error.code], [404, 'NOT_FOUND']);
    const wrong = await fetch(`${t.url}/license/activate`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
  });
});

describe('a body far over the limit', () => {
  test('is cut off with a 400, not a hang or a crash', async () => {
    const t = await startTestAuthority({ bodyLimitBytes: 1024 });
    try {
      const res = await t.post('/license/activate', { license_key: 'x'.repeat(200_000), instance_id: 'x' });
      assert.equal(res.status, 400);
      assert.match(res.body.error.hint, /larger than the limit/);
      assert.equal((await t.post('/license/validate', { license_key: 'KH' })).status, 400, 'the server still answers');
    } finally {
      await t.close();
    }
  });
});
