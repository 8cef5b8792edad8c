import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KeyholeError } from '../errors/keyhole-error.ts';
import { ALPHABET } from '../format/base32.ts';
import { decodeGroupedCode, encodeGroupedCode } from '../format/grouped-code.ts';
import { instanceIdFromDigest } from '../format/instance-id.ts';
import { generateLicenseKey } from '../format/license-key.ts';
import {
  decodeDeactivationCode,
  decodeRequestCode,
  encodeDeactivationCode,
  encodeRequestCode,
  type RequestCode,
} from './offline-codes.ts';

const REQUEST: RequestCode = {
  licenseKey: generateLicenseKey(),
  instanceId: instanceIdFromDigest(new Uint8Array(12).fill(0x33)),
  fingerprint: { machineId: 5, systemUuid: 0, baseboardSerial: 0, diskSerial: 63, cpu: 17, mac: 1 },
  appVersion: { major: 2, minor: 14, patch: 3 },
  createdAt: Date.UTC(2026, 10, 26, 15, 50),
};

type Expected = 'REQUEST_CODE_FORMAT_INVALID' | 'DEACTIVATION_CODE_FORMAT_INVALID';

function formatHint(expected: Expected, run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof KeyholeError && error.code === expected, String(error));
    return error.hint ?? '';
  }
  assert.fail('the edited code was accepted');
}

function singleEdits(code: string, prefix: string, expected: Expected, decode: (input: string) => unknown): void {
  const symbols = code.slice(prefix.length + 1).replace(/-/g, '');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: symbols.length - 1 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom('change', 'drop', 'swap'), (i, shift, edit) => {
      const chars = [...symbols];
      if (edit === 'change') chars[i] = ALPHABET[(ALPHABET.indexOf(chars[i] as string) + shift) % 32] as string;
      if (edit === 'drop') chars.splice(i, 1);
      if (edit === 'swap') {
        const j = Math.min(i + 1, chars.length - 1);
        [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
      }
      if (chars.join('') === symbols) return;
      formatHint(expected, () => decode(`${prefix}-${chars.join('')}`));
    }),
    { numRuns: 2000 },
  );
}

describe('offline codes', () => {
  test('a request code round-trips and stays short', () => {
    const code = encodeRequestCode(REQUEST);
    assert.ok(code.replace(/-/g, '').length <= 80, code);
    assert.equal(code.length, 70, 'as a user sees it, dashes included');
    assert.deepEqual(decodeRequestCode(code), REQUEST);
  });

  test('a deactivation code round-trips', () => {
    const deactivation = {
      licenseId: 123456789,
      instanceId: REQUEST.instanceId,
      certificateDigest: '0123456789abcdef',
      deactivatedAt: Date.UTC(2026, 10, 27, 9, 30),
    };
    assert.deepEqual(decodeDeactivationCode(encodeDeactivationCode(deactivation)), deactivation);
    assert.equal(encodeDeactivationCode(deactivation).length, 52, 'as a user sees it, dashes included');
  });

  test('any single edit of a request or deactivation code is detected', () => {
    singleEdits(encodeRequestCode(REQUEST), 'KR', 'REQUEST_CODE_FORMAT_INVALID', decodeRequestCode);
    const deactivation = encodeDeactivationCode({
      licenseId: 42,
      instanceId: REQUEST.instanceId,
      certificateDigest: 'fedcba9876543210',
      deactivatedAt: REQUEST.createdAt,
    });
    singleEdits(deactivation, 'KD', 'DEACTIVATION_CODE_FORMAT_INVALID', decodeDeactivationCode);
  });

  test('a request code pasted as a deactivation code is named', () => {
    const hint = formatHint('DEACTIVATION_CODE_FORMAT_INVALID', () => decodeDeactivationCode(encodeRequestCode(REQUEST)));
    assert.match(hint, /this is a request code, not a deactivation code/);
  });

  test('a well-wrapped code with a damaged payload is its own kind\'s format error', () => {
    const request = decodeGroupedCode('requestCode', encodeRequestCode(REQUEST));
    const newer = Uint8Array.from(request, (byte, i) => (i === 0 ? (byte & 0x0f) | 0x20 : byte));
    assert.equal(formatHint('REQUEST_CODE_FORMAT_INVALID', () => decodeRequestCode(encodeGroupedCode('requestCode', newer))), 'this request code has format version 2; expected 1');
    assert.equal(formatHint('REQUEST_CODE_FORMAT_INVALID', () => decodeRequestCode(encodeGroupedCode('requestCode', request.slice(0, 10)))), 'the request code ends too early');
    const cut = encodeGroupedCode('deactivationCode', Uint8Array.of(0x10, ...new Uint8Array(14)));
    assert.equal(formatHint('DEACTIVATION_CODE_FORMAT_INVALID', () => decodeDeactivationCode(cut)), 'the deactivation code ends too early');
    const longer = encodeGroupedCode('deactivationCode', Uint8Array.of(...decodeGroupedCode('deactivationCode', encodeDeactivationCode({ licenseId: 1, instanceId: REQUEST.instanceId, certificateDigest: '0123456789abcdef', deactivatedAt: REQUEST.createdAt })), 0xff));
    assert.equal(formatHint('DEACTIVATION_CODE_FORMAT_INVALID', () => decodeDeactivationCode(longer)), 'the deactivation code has unexpected data at its end');
  });
});
