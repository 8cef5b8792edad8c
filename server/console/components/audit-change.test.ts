import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeLines, localDayStart } from './audit-change.ts';

test('a change reads as field: before → after, unchanged fields left out', () => {
  assert.deepEqual(changeLines({ activation_limit: 2, status: 'active' }, { activation_limit: 5, status: 'active' }), ['activation_limit: 2 → 5']);
  assert.deepEqual(changeLines({ expires_at: null }, { expires_at: '2027-01-01T00:00:00.000Z' }), ['expires_at: none → 2027-01-01T00:00:00.000Z']);
});

test('a creation lists what was made, a removal what was there', () => {
  assert.deepEqual(changeLines(null, { token_id: 3, label: 'ci' }), ['token_id: 3', 'label: ci']);
  assert.deepEqual(changeLines({ plugins: ['a', 'b'] }, null), ['plugins: ["a","b"] (removed)']);
  assert.deepEqual(changeLines(null, null), []);
});

test('a picked day starts at local midnight; until a day means up to the start of the next', () => {
  const start = new Date(localDayStart('2026-12-31'));
  assert.deepEqual([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours(), start.getMinutes()], [2026, 11, 31, 0, 0]);
  const next = new Date(localDayStart('2026-12-31', 1));
  assert.deepEqual([next.getFullYear(), next.getMonth(), next.getDate(), next.getHours()], [2027, 0, 1, 0]);
  assert.match(localDayStart('2026-02-28', 1), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'an ISO instant the API takes');
});
