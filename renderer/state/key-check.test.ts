import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { checkKeyInput } from './key-check.ts';

test('the live check: empty, still typing, invalid, well-formed', () => {
  const key = generateLicenseKey();
  assert.equal(checkKeyInput('  ').verdict, 'empty');
  assert.equal(checkKeyInput(key.slice(0, 12)).verdict, 'typing');
  assert.match(checkKeyInput(key.slice(0, 12)).hint ?? '', /looks truncated/);
  assert.equal(checkKeyInput(`${key}XY`).verdict, 'invalid');
  const ok = checkKeyInput(key.toLowerCase().replace(/-/g, ' '));
  assert.equal(ok.verdict, 'ok');
  assert.equal(ok.canonical, key);
});

test('a pasted activation code is recognised and pointed to offline activation', () => {
  const check = checkKeyInput(`KA-${'0123456789'.repeat(3)}`);
  assert.equal(check.verdict, 'invalid');
  assert.equal(check.recognisedAs, 'activationCode');
  assert.match(check.hint ?? '', /Offline activation/);
});
