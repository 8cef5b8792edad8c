import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { encodeRequestCode } from '../../shared/license/offline-codes.ts';
import { scrubText } from './scrub.ts';

const KEY = 'KH-8Q3ZT-4MX7R-K2P9C-VW6HN-B5D1J';

describe('scrubText', () => {
  test('a full key becomes its first and last group, in every spelling a person pastes', () => {
    for (const spelling of [KEY, KEY.toLowerCase(), KEY.replace(/-/g, ''), KEY.replace(/-/g, ' '), `"${KEY}"`]) {
      const scrubbed = scrubText(`activate failed for ${spelling}.`);
      assert.match(scrubbed, /KH-8Q3ZT-…-B5D1J/, spelling);
      assert.doesNotMatch(scrubbed.toUpperCase(), /4MX7R|K2P9C|VW6HN/, spelling);
    }
  });

  test('a key without its KH- prefix, activation and request codes and an admin token are masked', () => {
    const text = scrubText('8Q3ZT-4MX7R-K2P9C-VW6HN-B5D1J code KA-0123456789-ABCDEFGHJK-MNPQRSTVWX-YZ01234567 kr0123456789abcdefghjkmnpqrstvwx token kha_abcdefghijklmnopqrstuvwxyz012345');
    assert.equal(text, 'KH-8Q3ZT-…-B5D1J code [activation code] [request code] token [admin token]');
  });

  test('a real key without its prefix, run together, spaced or with doubled dashes, is masked', () => {
    const key = generateLicenseKey();
    const body = key.slice(3);
    for (const spelling of [body.replace(/-/g, ''), body.replace(/-/g, ' '), body.replace(/-/g, '--'), body.toLowerCase().replace(/-/g, '')]) {
      const scrubbed = scrubText(`note: ${spelling} end`);
      assert.doesNotMatch(scrubbed.toUpperCase().replace(/[\s-]/g, ''), new RegExp(body.replace(/-/g, '').slice(5, 20)), spelling);
    }
    const notAKey = 'A'.repeat(24) + 'B';
    assert.equal(scrubText(`hash ${notAKey}`), `hash ${notAKey}`);
  });

  test('what support needs stays readable: redacted keys, Instance IDs, codes, numbers', () => {
    const text = 'KH-8Q3ZT-…-B5D1J instance ABCD-EFGH-JKMN-PQRS LICENSE_MISMATCH HTTP 409 in 120 ms';
    assert.equal(scrubText(text), text);
  });

  test('a real request code (it carries the key) is masked whole, in a sentence', () => {
    const code = encodeRequestCode({
      licenseKey: generateLicenseKey(),
      instanceId: 'ABCD-EFGH-JKMN-PQRS',
      fingerprint: { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 },
      appVersion: { major: 1, minor: 2, patch: 0 },
      createdAt: Date.UTC(2026, 2, 1),
    });
    assert.match(code, /^KR-/);
    assert.equal(scrubText(`sent ${code} to the vendor`), 'sent [request code] to the vendor');
  });

  test('no generated key survives anywhere in any surrounding text', () => {
    const key = fc.constant(null).map(() => generateLicenseKey());
    fc.assert(
      fc.property(fc.string(), key, fc.string(), (before, k, after) => {
        const scrubbed = scrubText(`${before} ${k} ${after}`);
        return !scrubbed.toUpperCase().includes(k.slice(8, 20));
      }),
      { numRuns: 1000 },
    );
  });
});
