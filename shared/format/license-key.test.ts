import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KeyholeError } from '../errors/keyhole-error.ts';
import { ALPHABET } from './base32.ts';
import { generateLicenseKey, parseLicenseKey, redactLicenseKey } from './license-key.ts';
import { instanceIdFromDigest } from './instance-id.ts';
import { encodeGroupedCode } from './grouped-code.ts';

const KEY = generateLicenseKey(() => Uint8Array.from({ length: 15 }, (_, i) => i * 17));

function hintOf(input: string): string {
  try {
    parseLicenseKey(input);
  } catch (error) {
    assert.ok(error instanceof KeyholeError, `expected KeyholeError, got ${String(error)}`);
    assert.equal(error.code, 'LICENSE_FORMAT_INVALID');
    return error.hint ?? '';
  }
  assert.fail(`"${input}" was accepted`);
}

describe('license key format', () => {
  test('a generated key looks like KH- and five groups of five', () => {
    assert.match(generateLicenseKey(), /^KH(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
    assert.notEqual(generateLicenseKey(), generateLicenseKey());
  });

  test('presentation is forgiven: case, spaces, line breaks, tabs, zero-width, quotes, period, look-alikes', () => {
    const body = KEY.slice(3);
    const variants = [
      KEY.toLowerCase(),
      ` ${KEY} `,
      KEY.replace(/-/g, ' '),
      KEY.replace(/-/g, '\n'),
      KEY.replace(/-/g, '\t'),
      KEY.replace(/-/g, '\u200B'),
      `"${KEY}"`,
      `\u201C${KEY}\u201D`,
      `${KEY}.`,
      body,
      body.replace(/-/g, ''),
      KEY.replace(/0/g, 'O').replace(/1/g, 'l'),
      KEY.replace(/-/g, '\u2013'),
    ];
    for (const variant of variants) assert.equal(parseLicenseKey(variant), KEY, JSON.stringify(variant));
  });

  test('hints name what is wrong', () => {
    assert.equal(hintOf(KEY.slice(0, -9)), 'looks truncated: 17 of 25 characters');
    assert.match(hintOf(`${KEY}ABC`), /too long: 28 of 25 characters/);
    assert.match(hintOf(KEY.slice(0, -1) + (KEY.endsWith('Z') ? 'Y' : 'Z')), /check character does not match: probably a typo/);
    assert.match(hintOf(KEY.replace(/-(.)/, '-U')), /"U" at position 1 is not a character a license key contains/);
    assert.match(hintOf(''), /no license key was entered/);
    assert.match(hintOf(instanceIdFromDigest(new Uint8Array(10).fill(7))), /looks like an Instance ID, not a license key/);
    assert.match(
      hintOf(encodeGroupedCode('activationCode', new Uint8Array(80))),
      /this is an activation code, not a license key: it belongs in Offline activation/,
    );
  });

  test('redaction keeps only the first and last group', () => {
    const groups = KEY.split('-');
    assert.equal(redactLicenseKey(KEY), `KH-${groups[1]}-…-${groups[5]}`);
  });

  test('any single character changed, dropped or two neighbours swapped is a format error', () => {
    const symbols = KEY.replace(/-/g, '').slice(2);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: symbols.length - 1 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom('change', 'drop', 'swap'),
        (index, shift, edit) => {
          const chars = [...symbols];
          if (edit === 'change') chars[index] = ALPHABET[(ALPHABET.indexOf(chars[index] as string) + shift) % 32] as string;
          if (edit === 'drop') chars.splice(index, 1);
          if (edit === 'swap') {
            const next = Math.min(index + 1, chars.length - 1);
            if (chars[index] === chars[next]) return;
            [chars[index], chars[next]] = [chars[next] as string, chars[index] as string];
          }
          if (chars.join('') === symbols) return;
          hintOf(`KH-${chars.join('')}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a key already in canonical form and any loose spelling of it parse to the same key', () => {
    // Canonical input takes a shortcut (one check); the forgiving parse must agree with it.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 15, maxLength: 15 }), (bytes) => {
        const key = generateLicenseKey(() => bytes);
        assert.equal(parseLicenseKey(key), key);
        assert.equal(parseLicenseKey(key.toLowerCase().replaceAll('-', ' ')), key);
        assert.equal(parseLicenseKey(`"${key.replaceAll('0', 'O')}".`), key);
      }),
      { numRuns: 2000 },
    );
  });

  test('no input string makes the parser throw anything but its format error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Z0-9 -]{0,40}$/)), (input) => {
        try {
          parseLicenseKey(input);
        } catch (error) {
          assert.ok(error instanceof KeyholeError && error.code === 'LICENSE_FORMAT_INVALID', String(error));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
