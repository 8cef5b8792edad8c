import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expiryForOrder, formatInstant } from './license-rules.ts';

test('plan expiry: days, calendar months and years after the order, rounded up to the hour', () => {
  const ordered = Date.UTC(2026, 0, 31, 10, 30);
  assert.equal(expiryForOrder(null, ordered), null);
  assert.equal(expiryForOrder({ value: 30, unit: 'days' }, ordered), Date.UTC(2026, 2, 2, 11));
  assert.equal(expiryForOrder({ value: 12, unit: 'months' }, ordered), Date.UTC(2027, 0, 31, 11));
  assert.equal(expiryForOrder({ value: 2, unit: 'years' }, ordered), Date.UTC(2028, 0, 31, 11));
  assert.equal(formatInstant(Date.UTC(2027, 10, 26, 16)), '2027-11-26 16:00 UTC');
});
