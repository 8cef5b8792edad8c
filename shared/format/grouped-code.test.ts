import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KeyholeError } from '../errors/keyhole-error.ts';
import { ALPHABET } from './base32.ts';
import { decodeGroupedCode, encodeGroupedCode } from './grouped-code.ts';

const BYTES = Uint8Array.from({ length: 60 }, (_, i) => (i * 91 + 7) % 256);
const CODE = encodeGroupedCode('requestCode', BYTES);

function hintOf(kind: Parameters<typeof decodeGroupedCode>[0], input: string): string {
  try {
    decodeGroupedCode(kind, input);
  } catch (error) {
    assert.ok(error instanceof KeyholeError && error.code === 'LICENSE_FORMAT_INVALID', String(error));
    return error.hint ?? '';
  }
  assert.fail('the code was accepted');
}

describe('grouped codes (request, activation, deactivation)', () => {
  test('round-trip through presentation noise', () => {
    assert.match(CODE, /^KR(-[0-9A-HJKMNP-TV-Z]{1,10})+$/);
    assert.deepEqual(decodeGroupedCode('requestCode', CODE), BYTES);
    const mangled = `> ${CODE.toLowerCase().replace(/-/g, ' ').replace(/(.{30})/g, '$1\n')}.`;
    assert.deepEqual(decodeGroupedCode('requestCode', mangled.replace(/^> /, '')), BYTES);
  });

  test('a cut-off code says how much is missing', () => {
    assert.match(hintOf('requestCode', CODE.slice(0, -40)), /^the code is \d+ characters short/);
    const dropped = CODE.slice(0, 40) + CODE.slice(41);
    assert.match(hintOf('requestCode', dropped), /the code is 1 character short, probably in or after group 4/);
  });

  test('a typo is located by group', () => {
    const groups = CODE.split('-');
    const seventh = groups[7] as string;
    groups[7] = (seventh[0] === 'A' ? 'B' : 'A') + seventh.slice(1);
    assert.equal(hintOf('requestCode', groups.join('-')), 'group 7 has a typo: its check character does not match');
  });

  test('extra text and the wrong kind are named', () => {
    assert.match(hintOf('requestCode', `${CODE}-ABCDE`), /5 extra characters/);
    assert.match(hintOf('activationCode', CODE), /this is a request code, not an activation code/);
  });

  test('any single edit of the code is detected', () => {
    const symbols = CODE.slice(3).replace(/-/g, '');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: symbols.length - 1 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom('change', 'drop', 'swap', 'insert'), (i, shift, edit) => {
        const chars = [...symbols];
        const shifted = ALPHABET[(ALPHABET.indexOf(chars[i] as string) + shift) % 32] as string;
        if (edit === 'change') chars[i] = shifted;
        if (edit === 'drop') chars.splice(i, 1);
        if (edit === 'insert') chars.splice(i, 0, shifted);
        if (edit === 'swap') {
          const j = Math.min(i + 1, chars.length - 1);
          [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
        }
        if (chars.join('') === symbols) return;
        hintOf('requestCode', `KR${chars.join('')}`);
      }),
      { numRuns: 3000 },
    );
  });

  test('arbitrary input only ever yields the format error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^K[ARD]-[0-9A-Z-]{0,120}$/)), (input) => {
        try {
          decodeGroupedCode('activationCode', input);
        } catch (error) {
          assert.ok(error instanceof KeyholeError && error.code === 'LICENSE_FORMAT_INVALID', String(error));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
