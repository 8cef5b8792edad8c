import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KeyholeError } from '../errors/keyhole-error.ts';
import { ALPHABET } from '../format/base32.ts';
import { instanceIdFromDigest } from '../format/instance-id.ts';
import {
  assembleActivationCode,
  decodeActivationCode,
  encodeCertificatePayload,
  LICENSE_MODES,
  type CertificatePayload,
} from './certificate.ts';
import { certificateSigningMessage, toBase64Url, verifyActivationCode, type PublicKeySet } from './signing.ts';
import { outcomeCode } from '../../tests/harness/http/error-code.ts';

const CATALOG = Array.from({ length: 24 }, (_, i) => `plugin-${i}`);
const PRODUCT = 'acme-studio';

function keyPair(id: number) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { id, privateKey, publicKey: toBase64Url(new Uint8Array(raw)) };
}

const vendor = keyPair(3);
const foreign = keyPair(3);
const KEY_SET: PublicKeySet = { productId: PRODUCT, keys: [{ id: vendor.id, publicKey: vendor.publicKey }] };

const PAYLOAD: CertificatePayload = {
  formatVersion: 1,
  keyId: 3,
  mode: 'online',
  licenseId: 0xfedcba98,
  instanceId: instanceIdFromDigest(new Uint8Array(10).fill(0x5a)),
  fingerprint: { machineId: 12, systemUuid: 63, baseboardSerial: 0, diskSerial: 7, cpu: 1, mac: 40 },
  plan: { id: 4095, name: 'Professional' },
  plugins: CATALOG.filter((_, i) => i % 3 === 0),
  issuedAt: Date.UTC(2026, 10, 26, 15, 42),
  expiresAt: Date.UTC(2027, 10, 26, 16),
  leaseUntil: Date.UTC(2026, 11, 3, 15, 42),
  versions: { min: 1, max: 63 },
};

function issue(payload: CertificatePayload, privateKey: KeyObject = vendor.privateKey, productId = PRODUCT): string {
  const bytes = encodeCertificatePayload(payload, CATALOG);
  const signature = sign(null, certificateSigningMessage(productId, bytes), privateKey);
  return assembleActivationCode(bytes, new Uint8Array(signature));
}

describe('activation certificate', () => {
  test('round-trips every field and verifies with the vendor key', async () => {
    const code = issue(PAYLOAD);
    const { payload } = await verifyActivationCode(code, KEY_SET, CATALOG);
    assert.deepEqual(payload, PAYLOAD);
  });

  test('stays within 200 symbols, 204 characters as shown, with the longest plan name and a full plugin catalog', () => {
    const code = issue({ ...PAYLOAD, plan: { id: 1, name: 'Enterprise Unlimited Edition' }, plugins: CATALOG });
    assert.ok(code.replace(/-/g, '').length <= 200, `${code.replace(/-/g, '').length} characters`);
    assert.equal(code.length, 204, 'as a user sees it, dashes included');
    assert.equal(decodeActivationCode(code, CATALOG).payload.plan.name, 'Enterprise U');
  });

  test('never expires, air-gapped, no lease', async () => {
    const code = issue({ ...PAYLOAD, mode: 'airgapped', expiresAt: null, leaseUntil: null, versions: { min: 2, max: null } });
    const { payload } = await verifyActivationCode(code, KEY_SET, CATALOG);
    assert.equal(payload.expiresAt, null);
    assert.equal(payload.leaseUntil, null);
    assert.equal(payload.mode, 'airgapped');
    assert.deepEqual(payload.versions, { min: 2, max: null });
  });

  test('a foreign key pair, an unknown key id or another product is "Invalid license key"', async () => {
    assert.equal(await outcomeCode(verifyActivationCode(issue(PAYLOAD, foreign.privateKey), KEY_SET, CATALOG)), 'LICENSE_INVALID');
    assert.equal(await outcomeCode(verifyActivationCode(issue({ ...PAYLOAD, keyId: 4 }), KEY_SET, CATALOG)), 'LICENSE_INVALID');
    assert.equal(await outcomeCode(verifyActivationCode(issue(PAYLOAD, vendor.privateKey, 'other-product'), KEY_SET, CATALOG)), 'LICENSE_INVALID');
  });

  test('a rotated key set still trusts certificates of the older key', async () => {
    const next = keyPair(4);
    const rotated: PublicKeySet = { productId: PRODUCT, keys: [...KEY_SET.keys, { id: 4, publicKey: next.publicKey }] };
    assert.equal(await outcomeCode(verifyActivationCode(issue(PAYLOAD), rotated, CATALOG)), 'succeeded');
    assert.equal(await outcomeCode(verifyActivationCode(issue({ ...PAYLOAD, keyId: 4 }, next.privateKey), rotated, CATALOG)), 'succeeded');
  });

  test('a truncated or edited certificate is a format error before any signature check', async () => {
    const code = issue(PAYLOAD);
    assert.equal(await outcomeCode(verifyActivationCode(code.slice(0, -12), KEY_SET, CATALOG)), 'ACTIVATION_CODE_FORMAT_INVALID');
    const symbols = code.slice(3).replace(/-/g, '');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: symbols.length - 1 }), fc.integer({ min: 1, max: 31 }), fc.boolean(), async (i, shift, drop) => {
        const chars = [...symbols];
        if (drop) chars.splice(i, 1);
        else chars[i] = ALPHABET[(ALPHABET.indexOf(chars[i] as string) + shift) % 32] as string;
        assert.equal(await outcomeCode(verifyActivationCode(`KA${chars.join('')}`, KEY_SET, CATALOG)), 'ACTIVATION_CODE_FORMAT_INVALID');
      }),
      { numRuns: 500 },
    );
  });

  test('a well-wrapped code with a damaged payload is an activation code format error too', () => {
    const bytes = encodeCertificatePayload(PAYLOAD, CATALOG);
    const signature = new Uint8Array(64);
    const damaged = (payload: Uint8Array) => {
      try {
        decodeActivationCode(assembleActivationCode(payload, signature), CATALOG);
      } catch (error) {
        assert.ok(error instanceof KeyholeError, String(error));
        return [error.code, error.hint];
      }
      assert.fail('the damaged payload was accepted');
    };
    const newer = Uint8Array.from(bytes, (byte, i) => (i === 0 ? (byte & 0x0f) | 0x20 : byte));
    assert.deepEqual(damaged(newer), ['ACTIVATION_CODE_FORMAT_INVALID', 'this activation code has format version 2; this app reads version 1']);
    assert.deepEqual(damaged(bytes.slice(0, 20)), ['ACTIVATION_CODE_FORMAT_INVALID', 'the activation code ends too early']);
    assert.deepEqual(damaged(Uint8Array.of(...bytes, 0xff)), ['ACTIVATION_CODE_FORMAT_INVALID', 'the activation code has unexpected data at its end']);
    assert.deepEqual(damaged(new Uint8Array(0)).slice(0, 1), ['ACTIVATION_CODE_FORMAT_INVALID']);
  });

  test('a trial takes the free mode value 3; online, air-gapped and offline certificates keep their exact bytes', async () => {
    // Bytes of certificates issued before trials existed: the mode field (bits 4-5) is 0, 1 and 2.
    const before = {
      online: '103fedcba985a5a5a5a5a5a5a5a5a467e00e0d1fff8a0e4decccae6e6d2dedcc2d989249240dda13843a801500fe',
      airgapped: '143fedcba985a5a5a5a5a5a5a5a5a467e00e0d1fff8a0e4decccae6e6d2dedcc2d989249240dda13843a800000fe',
      offline: '183fedcba985a5a5a5a5a5a5a5a5a467e00e0d1fff8a0e4decccae6e6d2dedcc2d989249240dda13843a800000fe',
    };
    for (const [mode, hex] of Object.entries(before)) {
      const payload = { ...PAYLOAD, mode: mode as CertificatePayload['mode'], leaseUntil: mode === 'online' ? PAYLOAD.leaseUntil : null };
      assert.equal(Buffer.from(encodeCertificatePayload(payload, CATALOG)).toString('hex'), hex, mode);
    }
    assert.equal(LICENSE_MODES.indexOf('trial'), 3);
    const trial = { ...PAYLOAD, mode: 'trial' as const };
    const bytes = encodeCertificatePayload(trial, CATALOG);
    assert.equal((bytes[0] as number) >> 2 & 0b11, 3, 'mode bits');
    const { payload } = await verifyActivationCode(issue(trial), KEY_SET, CATALOG);
    assert.deepEqual(payload, trial);
  });
});
