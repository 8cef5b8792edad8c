import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ErrorCode } from '../errors/catalog.ts';
import { KeyholeError } from '../errors/keyhole-error.ts';
import { ALPHABET } from './base32.ts';
import type { GroupedCodeKind } from './code-kinds.ts';
import { decodeGroupedCode, encodeGroupedCode } from './grouped-code.ts';
import { parseInstanceId } from './instance-id.ts';
import { parseLicenseKey } from './license-key.ts';

const BYTES = Uint8Array.from({ length: 60 }, (_, i) => (i * 91 + 7) % 256);
const CODE = encodeGroupedCode('requestCode', BYTES);

// Written out rather than read from CODE_KINDS, so a wrong entry there fails here.
const FORMAT_ERROR: Readonly<Record<GroupedCodeKind, ErrorCode>> = {
  activationCode: 'ACTIVATION_CODE_FORMAT_INVALID',
  requestCode: 'REQUEST_CODE_FORMAT_INVALID',
  deactivationCode: 'DEACTIVATION_CODE_FORMAT_INVALID',
};

function errorOf(run: () => unknown): KeyholeError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof KeyholeError, String(error));
    return error;
  }
  assert.fail('the code was accepted');
}

function hintOf(kind: GroupedCodeKind, input: string): string {
  const error = errorOf(() => decodeGroupedCode(kind, input));
  assert.equal(error.code, FORMAT_ERROR[kind], String(error));
  return error.hint ?? '';
}

describe('grouped codes (request, activation, deactivation)', () => {
  test('each kind of code reports its own format error; the license key and Instance ID keep theirs', () => {
    for (const kind of ['activationCode', 'requestCode', 'deactivationCode'] as const) {
      const code = encodeGroupedCode(kind, BYTES);
      const groups = code.split('-');
      const third = groups[3] as string;
      groups[3] = (third[0] === 'A' ? 'B' : 'A') + third.slice(1);
      assert.equal(hintOf(kind, groups.join('-')), 'group 3 has a typo: its check character does not match', kind);
      assert.match(hintOf(kind, code.slice(0, -20)), /characters short/, kind);
      assert.match(hintOf(kind, ''), /^no .* was entered$/, kind);
    }
    assert.equal(errorOf(() => parseLicenseKey('KH-12345')).code, 'LICENSE_FORMAT_INVALID');
    assert.equal(errorOf(() => parseInstanceId('ABCD-EFGH')).code, 'LICENSE_FORMAT_INVALID');
    assert.equal(errorOf(() => parseLicenseKey(CODE)).code, 'LICENSE_FORMAT_INVALID', 'a request code in the key field is a key error');
  });

  test('groups of sixteen: fifteen data characters and one check character', () => {
    const groups = CODE.split('-').slice(1);
    assert.ok(groups.slice(0, -1).every((group) => group.length === 16), CODE);
    assert.ok((groups.at(-1) as string).length <= 16, CODE);
  });

  test('round-trip through presentation noise', () => {
    assert.match(CODE, /^KR(-[0-9A-HJKMNP-TV-Z]{1,16})+$/);
    assert.deepEqual(decodeGroupedCode('requestCode', CODE), BYTES);
    const mangled = `> ${CODE.toLowerCase().replace(/-/g, ' ').replace(/(.{30})/g, '$1\n')}.`;
    assert.deepEqual(decodeGroupedCode('requestCode', mangled.replace(/^> /, '')), BYTES);
  });

  test('a cut-off code says how much is missing', () => {
    assert.match(hintOf('requestCode', CODE.slice(0, -40)), /^the code is \d+ characters short/);
    // "KR-" then groups of sixteen and a dash: character 40 of the text is in group 3.
    const dropped = CODE.slice(0, 40) + CODE.slice(41);
    assert.match(hintOf('requestCode', dropped), /the code is 1 character short, probably in or after group 3/);
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
          assert.ok(error instanceof KeyholeError && error.code === 'ACTIVATION_CODE_FORMAT_INVALID', String(error));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
