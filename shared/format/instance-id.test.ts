import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KeyholeError } from '../errors/keyhole-error.ts';
import { ALPHABET } from './base32.ts';
import { instanceIdFromDigest, parseInstanceId } from './instance-id.ts';
import { generateLicenseKey } from './license-key.ts';

const ID = instanceIdFromDigest(Uint8Array.from({ length: 32 }, (_, i) => (i * 37) % 256));

function hintOf(input: string): string {
  try {
    parseInstanceId(input);
  } catch (error) {
    assert.ok(error instanceof KeyholeError && error.code === 'LICENSE_FORMAT_INVALID', String(error));
    return error.hint ?? '';
  }
  assert.fail(`"${input}" was accepted`);
}

describe('Instance ID format', () => {
  test('is four groups of four, the same for the same digest', () => {
    assert.match(ID, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.equal(instanceIdFromDigest(Uint8Array.from({ length: 32 }, (_, i) => (i * 37) % 256)), ID);
  });

  test('read back over the phone: spaces, lower case and look-alikes are fine', () => {
    assert.equal(parseInstanceId(ID.toLowerCase().replace(/-/g, ' ')), ID);
    assert.equal(parseInstanceId(` '${ID.replace(/1/g, 'I').replace(/0/g, 'o')}'. `), ID);
  });

  test('hints name what is wrong', () => {
    assert.equal(hintOf(ID.slice(0, 9)), 'looks truncated: 8 of 16 characters');
    assert.match(hintOf(generateLicenseKey()), /this is a license key, not an Instance ID/);
    assert.match(hintOf(`${ID.slice(0, -1)}U`), /"U" at position 16 is not a character an Instance ID contains/);
  });

  test('any single character changed, dropped or swapped is caught', () => {
    const symbols = ID.replace(/-/g, '');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 15 }), (i, shift, j) => {
        const changed = [...symbols];
        changed[i] = ALPHABET[(ALPHABET.indexOf(changed[i] as string) + shift) % 32] as string;
        hintOf(changed.join(''));
        hintOf(symbols.slice(0, i) + symbols.slice(i + 1));
        const swapped = [...symbols];
        [swapped[i], swapped[j]] = [swapped[j] as string, swapped[i] as string];
        if (swapped.join('') !== symbols) hintOf(swapped.join(''));
      }),
      { numRuns: 1000 },
    );
  });
});
