import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activateLink, parseDeepLink } from './deep-link.ts';
import { generateLicenseKey } from './license-key.ts';

const key = generateLicenseKey();

describe('deep links', () => {
  test('the activate link gives the key, in both spellings of the scheme', () => {
    assert.deepEqual(parseDeepLink(activateLink('keyhole', key), 'keyhole'), { kind: 'activate', key, ignored: [] });
    assert.deepEqual(parseDeepLink(`keyhole:activate?key=${key}`, 'keyhole'), { kind: 'activate', key, ignored: [] });
    assert.deepEqual(parseDeepLink(`KEYHOLE://Activate/?key=${key.toLowerCase()}`, 'keyhole'), { kind: 'activate', key, ignored: [] });
    // A mistyped key is still taken: the field's format hint explains it, nothing is activated anyway.
    assert.equal(parseDeepLink(activateLink('keyhole', key.slice(0, -1) + 'Z'), 'keyhole').kind, 'activate');
  });

  test('extra parameters are named as ignored and never taken', () => {
    const parsed = parseDeepLink(`keyhole://activate?key=${key}&autoactivate=1&server=https://evil.example`, 'keyhole');
    assert.deepEqual(parsed, { kind: 'activate', key, ignored: ['autoactivate', 'server'] });
  });

  test('hostile links do nothing, each with a reason', () => {
    const hostile = [
      `keyhole://deactivate?key=${key}`,
      `keyhole://activate`,
      `keyhole://activate?key=${key}&key=${key}`,
      `keyhole://activate?key=${'A'.repeat(200)}`,
      `keyhole://activate?key=<script>alert(1)</script>`,
      `keyhole://activate?key=${encodeURIComponent(key + '\n')}x`,
      `keyhole://activate/../../etc?key=${key}`,
      `keyhole://user:pass@activate?key=${key}`,
      `keyhole://activate:99?key=${key}`,
      `otherapp://activate?key=${key}`,
      `https://activate?key=${key}`,
      `javascript:alert(1)`,
      `keyhole://activate?key=${key}\u0000`,
      `keyhole://activate?key=${key}&pad=${'x'.repeat(600)}`,
      `keyhole://%zz?key=${key}`,
      '',
    ];
    for (const link of hostile) {
      const parsed = parseDeepLink(link, 'keyhole');
      assert.equal(parsed.kind, 'ignored', link);
      assert.ok('reason' in parsed && parsed.reason.length > 0 && !parsed.reason.includes(key), link);
    }
    assert.equal(parseDeepLink(activateLink('keyhole', key), 'https:').kind, 'ignored', 'a broken scheme in the config');
  });
});
