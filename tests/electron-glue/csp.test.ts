import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertStrictCsp, readMetaCsp } from '../harness/csp.ts';

/*
 * The renderer's CSP ships in renderer/index.html (a meta tag: file:// pages have no response
 * headers), so that file is what the window enforces. The built copy is checked in built.test.ts.
 */

const ROOT = join(import.meta.dirname, '..', '..');

test('the renderer page carries a strict CSP: nothing by default, scripts only from the bundle, no remote origin', () => {
  const csp = readMetaCsp(readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8'));
  assertStrictCsp(csp);
  // What is there today, in full: a change to the policy is a decision, so it changes this line too.
  assert.deepEqual(Object.fromEntries(csp), {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  });
});

test('the strictness check refuses what would loosen the policy', () => {
  const page = (policy: string) => `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  const loose = [
    "default-src 'self'; script-src 'self'",
    "default-src 'none'; script-src 'self' 'unsafe-eval'",
    "default-src 'none'; script-src 'self' 'unsafe-inline'",
    "default-src 'none'; script-src 'self'; connect-src http://127.0.0.1:4780",
    "default-src 'none'; script-src 'self'; img-src *",
    "default-src 'none'; script-src 'self'; style-src 'self' https:",
    "default-src 'none'",
  ];
  for (const policy of loose) assert.throws(() => assertStrictCsp(readMetaCsp(page(policy))), assert.AssertionError, policy);
});
