import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CertificatePayload } from './certificate.ts';
import { trialCountdown } from './trial.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 2, 9, 30);
const cert = (over: Partial<CertificatePayload>) => ({ mode: 'trial', expiresAt: NOW + 14 * DAY + 30 * 60_000, ...over }) as CertificatePayload;

test('a trial counts down in whole days: 14 at the start (the end rounded up to the hour is no extra day), 1 on its last day, none after', () => {
  assert.deepEqual(trialCountdown(cert({}), NOW), { daysLeft: 14, endsAt: NOW + 14 * DAY + 30 * 60_000 });
  assert.equal(trialCountdown(cert({}), NOW + 2 * DAY)?.daysLeft, 12);
  assert.equal(trialCountdown(cert({}), NOW + 14 * DAY)?.daysLeft, 1);
  assert.equal(trialCountdown(cert({}), NOW + 15 * DAY), null);
  assert.equal(trialCountdown(cert({ mode: 'online' }), NOW), null, 'only trials count down');
  assert.equal(trialCountdown(null, NOW), null);
});
