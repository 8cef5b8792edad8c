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

test('calendar months keep the day inside the target month instead of rolling over', () => {
  assert.equal(expiryForOrder({ value: 1, unit: 'months' }, Date.UTC(2027, 0, 31, 10)), Date.UTC(2027, 1, 28, 10));
  assert.equal(expiryForOrder({ value: 3, unit: 'months' }, Date.UTC(2030, 0, 31, 10)), Date.UTC(2030, 3, 30, 10));
  assert.equal(expiryForOrder({ value: 1, unit: 'years' }, Date.UTC(2028, 1, 29, 10)), Date.UTC(2029, 1, 28, 10));
});
