import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeLines, dayAfter } from './audit-change.ts';

test('a change reads as field: before → after, unchanged fields left out', () => {
  assert.deepEqual(changeLines({ activation_limit: 2, status: 'active' }, { activation_limit: 5, status: 'active' }), ['activation_limit: 2 → 5']);
  assert.deepEqual(changeLines({ expires_at: null }, { expires_at: '2027-01-01T00:00:00.000Z' }), ['expires_at: none → 2027-01-01T00:00:00.000Z']);
});

test('a creation lists what was made, a removal what was there', () => {
  assert.deepEqual(changeLines(null, { token_id: 3, label: 'ci' }), ['token_id: 3', 'label: ci']);
  assert.deepEqual(changeLines({ plugins: ['a', 'b'] }, null), ['plugins: ["a","b"] (removed)']);
  assert.deepEqual(changeLines(null, null), []);
});

test('until a day means through the end of that day', () => {
  assert.equal(dayAfter('2026-12-31'), '2027-01-01');
  assert.equal(dayAfter('2026-02-28'), '2026-03-01');
});
