import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDate, formatDateTime, localizeTimes } from './labels.ts';

describe('dates in the user locale', () => {
  test('ISO times and dates in a hint are written as the dates next to them are', () => {
    const at = Date.parse('2027-12-01T10:30:00Z');
    assert.equal(localizeTimes('features stay on until 2027-12-01T10:30:00Z (3 days left)'), `features stay on until ${formatDateTime(at)} (3 days left)`);
    assert.equal(localizeTimes('expired on 2027-12-01 10:30 UTC'), `expired on ${formatDateTime(at)}`);
    assert.equal(localizeTimes('the next slot can be freed on 2027-12-01'), `the next slot can be freed on ${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(at)}`);
    assert.doesNotMatch(localizeTimes('at 2027-12-01T10:30:00.000Z'), /\d{4}-\d\d-\d\d/);
  });

  test('text without a date is left alone, and a nonsensical date too', () => {
    assert.equal(localizeTimes('HTTP 503 from the server'), 'HTTP 503 from the server');
    assert.equal(localizeTimes('on 2027-13-45'), 'on 2027-13-45');
    assert.ok(formatDate(0).length > 0);
  });
});
