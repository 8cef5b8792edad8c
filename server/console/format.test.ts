import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activationLimitText, addMonths, endedByText, expiryText, maskKey, relativeTime, versionsText } from './format.ts';

test('plan settings in the words of the Plans list', () => {
  assert.equal(activationLimitText(null), 'Unlimited');
  assert.equal(activationLimitText(1), '1 activation');
  assert.equal(expiryText(null), 'Never expires');
  assert.equal(expiryText({ value: 1, unit: 'years' }), '1 year after purchase');
  assert.equal(expiryText({ value: 12, unit: 'months' }), '12 months after purchase');
  assert.equal(versionsText({ min: 0, max: null }), 'All versions');
  assert.equal(versionsText({ min: 2, max: 5 }), '2 to 5');
});

test('last seen as "3 hours ago", the largest whole unit', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  assert.equal(relativeTime('2026-06-01T09:00:00Z', now), '3 hours ago');
  assert.equal(relativeTime('2026-06-01T11:59:30Z', now), 'just now');
  assert.equal(relativeTime('2026-05-31T12:00:00Z', now), 'yesterday');
  assert.equal(relativeTime('2026-06-03T12:00:00Z', now), 'in 2 days');
});

test('the key masked but for its first and last groups; +3 months keeps the day within the month', () => {
  assert.equal(maskKey('KH-M57YF-AAAAA-BBBBB-CCCCC-S8P0T'), 'KH-M57YF-•••••-•••••-•••••-S8P0T');
  assert.equal(addMonths('2026-01-15', 3), '2026-04-15');
  assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
});

test('who ended an activation: the recorded actor as it is, the device and the customer in words', () => {
  assert.equal(endedByText('console:ann@example.com'), 'console:ann@example.com');
  assert.equal(endedByText('token:shop webhook'), 'token:shop webhook');
  assert.equal(endedByText('device'), 'The device itself');
  assert.equal(endedByText('customer'), 'The customer (slot freed from the license page)');
  assert.equal(endedByText(null), 'Not recorded');
});
