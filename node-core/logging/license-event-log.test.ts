import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LicenseEvent } from '../store/license-state.ts';
import { appendedEvents } from './license-event-log.ts';

const event = (at: number, action = 'validate'): LicenseEvent => ({ at, action, outcome: 'ok', httpStatus: 200, latencyMs: 5, note: null });
const ring = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => event(from + i));

describe('appendedEvents', () => {
  test('finds what was appended, also when the full ring dropped its oldest entries', () => {
    assert.deepEqual(appendedEvents([], [event(1)]), [event(1)]);
    assert.deepEqual(appendedEvents(ring(0, 3), ring(0, 5)), ring(3, 5));
    assert.deepEqual(appendedEvents(ring(0, 50), ring(2, 52)), ring(50, 52));
    assert.deepEqual(appendedEvents(ring(0, 50), ring(0, 50)), []);
  });

  test('identical repeated events are each counted once', () => {
    const same = event(7);
    assert.deepEqual(appendedEvents([same, same], [same, same, same]), [same]);
  });
});
