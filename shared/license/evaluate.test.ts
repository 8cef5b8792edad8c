import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ERROR_CODES } from '../errors/catalog.ts';
import { KeyholeError } from '../errors/keyhole-error.ts';
import { instanceIdFromDigest } from '../format/instance-id.ts';
import { CERTIFICATE_FORMAT_VERSION, LICENSE_MODES, type CertificatePayload } from './certificate.ts';
import { evaluateLicense, EVALUATION_CHECKS, LICENSE_STATES, type EvaluationInput } from './evaluate.ts';
import { FINGERPRINT_COMPONENTS, type CompactFingerprint } from './fingerprint.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 1, 12);
const THIS_ID = instanceIdFromDigest(new Uint8Array(10).fill(7));
const OTHER_ID = instanceIdFromDigest(new Uint8Array(10).fill(9));
const PRINT: CompactFingerprint = { machineId: 11, systemUuid: 12, baseboardSerial: 13, diskSerial: 14, cpu: 15, mac: 16 };

function payload(over: Partial<CertificatePayload> = {}): CertificatePayload {
  return {
    formatVersion: CERTIFICATE_FORMAT_VERSION,
    keyId: 1,
    mode: 'online',
    licenseId: 42,
    instanceId: THIS_ID,
    fingerprint: PRINT,
    plan: { id: 1, name: 'Pro' },
    plugins: ['reports', 'sync'],
    issuedAt: NOW - DAY,
    expiresAt: NOW + 300 * DAY,
    leaseUntil: NOW + 6 * DAY,
    versions: { min: 1, max: null },
    ...over,
  };
}

function input(over: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    certificate: { payload: payload() },
    machine: { instanceId: THIS_ID, fingerprint: PRINT },
    now: NOW,
    highestTimeSeen: NOW - HOUR,
    appVersion: '1.4.2',
    lastServerAnswer: { at: NOW - DAY + 60_000, outcome: 'ok', httpStatus: 200 },
    ...over,
  };
}

describe('evaluateLicense: one test per state', () => {
  test('active online license with a fresh server answer', () => {
    const status = evaluateLicense(input());
    assert.equal(status.state, 'active');
    assert.equal(status.code, null);
    assert.equal(status.featuresEnabled, true);
    assert.equal(status.failedCheck, null);
    assert.deepEqual(status.plugins, ['reports', 'sync']);
    assert.equal(status.fingerprint?.weak, false);
  });

  test('not_activated when nothing is stored', () => {
    const status = evaluateLicense(input({ certificate: null }));
    assert.deepEqual([status.state, status.code, status.featuresEnabled], ['not_activated', 'NOT_ACTIVATED', false]);
    assert.deepEqual(status.plugins, []);
  });

  test('unreadable names the file kept aside', () => {
    const problem = new KeyholeError('STORE_UNREADABLE', 'the file failed its integrity check', { keptAside: '/data/license.unreadable-1.json' }).toInfo();
    const status = evaluateLicense(input({ storeProblem: problem }));
    assert.equal(status.state, 'unreadable');
    assert.equal(status.code, 'STORE_UNREADABLE');
    assert.match(status.failedCheck ?? '', /integrity check.*license\.unreadable-1\.json/);
  });

  test('invalid when the stored certificate failed its signature or format check', () => {
    const bad = evaluateLicense(input({ certificate: { error: new KeyholeError('LICENSE_INVALID', 'the signature does not match').toInfo() } }));
    assert.deepEqual([bad.state, bad.code, bad.check], ['invalid', 'LICENSE_INVALID', 'signature']);
    assert.match(bad.failedCheck ?? '', /signature does not match/);
    const damaged = evaluateLicense(input({ certificate: { error: new KeyholeError('LICENSE_FORMAT_INVALID', 'looks truncated').toInfo() } }));
    assert.deepEqual([damaged.state, damaged.code], ['invalid', 'LICENSE_FORMAT_INVALID']);
  });

  test('clock_rollback against the highest time seen, with a 10 minute tolerance', () => {
    assert.equal(evaluateLicense(input({ highestTimeSeen: NOW + 9 * 60_000 })).state, 'active');
    const status = evaluateLicense(input({ highestTimeSeen: NOW + 3 * HOUR }));
    assert.deepEqual([status.state, status.code, status.check], ['clock_rollback', 'CLOCK_ROLLBACK', 'clock']);
    assert.match(status.failedCheck ?? '', /3 h before 2026-03-01T15:00:00Z, the latest time/);
  });

  test('clock_rollback when now is before the certificate was issued', () => {
    const status = evaluateLicense(input({ highestTimeSeen: null, certificate: { payload: payload({ issuedAt: NOW + DAY }) } }));
    assert.equal(status.state, 'clock_rollback');
    assert.match(status.failedCheck ?? '', /before the certificate was issued/);
  });

  test('mismatch on another Instance ID names both ids', () => {
    const status = evaluateLicense(input({ machine: { instanceId: OTHER_ID, fingerprint: PRINT } }));
    assert.deepEqual([status.state, status.code], ['mismatch', 'LICENSE_MISMATCH']);
    assert.ok(status.failedCheck?.includes(THIS_ID) && status.failedCheck.includes(OTHER_ID));
  });

  test('mismatch on another machine names the differing components; a new MAC alone still matches', () => {
    const copied = { ...PRINT, machineId: 1, systemUuid: 2, diskSerial: 3, mac: 4 };
    const status = evaluateLicense(input({ machine: { instanceId: THIS_ID, fingerprint: copied } }));
    assert.equal(status.state, 'mismatch');
    assert.match(status.failedCheck ?? '', /4 of 6 components differ: machine id, system UUID, disk serial, network adapter/);
    const newNic = evaluateLicense(input({ machine: { instanceId: THIS_ID, fingerprint: { ...PRINT, mac: 40 } } }));
    assert.equal(newNic.state, 'active');
    assert.deepEqual(newNic.fingerprint?.differing, ['mac']);
  });

  test('a weak fingerprint (nothing comparable) is active and says weak', () => {
    const empty = Object.fromEntries(FINGERPRINT_COMPONENTS.map((c) => [c, 0])) as CompactFingerprint;
    const status = evaluateLicense(input({ machine: { instanceId: THIS_ID, fingerprint: empty } }));
    assert.equal(status.state, 'active');
    assert.equal(status.fingerprint?.weak, true);
  });

  for (const [outcome, state] of [
    ['ACTIVATION_REVOKED', 'revoked'],
    ['ACTIVATION_REMOVED', 'removed'],
    ['LICENSE_DEACTIVATED', 'deactivated'],
    ['LICENSE_INVALID', 'invalid'],
    ['LICENSE_EXPIRED', 'expired'],
  ] as const) {
    test(`${state} when the last server answer says ${outcome}`, () => {
      const status = evaluateLicense(input({ lastServerAnswer: { at: NOW - HOUR, outcome, httpStatus: 403 } }));
      assert.deepEqual([status.state, status.code, status.check], [state, outcome, 'verdict']);
      assert.match(status.failedCheck ?? '', new RegExp(`${outcome} \\(HTTP 403\\)`));
    });
  }

  test('removed: a slot freed elsewhere turns features off at once, with days of lease left', () => {
    const status = evaluateLicense(input({ lastServerAnswer: { at: NOW - HOUR, outcome: 'ACTIVATION_REMOVED', httpStatus: 200 } }));
    assert.deepEqual([status.state, status.code, status.featuresEnabled], ['removed', 'ACTIVATION_REMOVED', false]);
    assert.deepEqual(status.plugins, []);
  });

  test('a definitive answer ends an air-gapped certificate too', () => {
    const cert = { payload: payload({ mode: 'airgapped', leaseUntil: null }) };
    const status = evaluateLicense(input({ certificate: cert, lastServerAnswer: { at: NOW - HOUR, outcome: 'ACTIVATION_REMOVED' } }));
    assert.equal(status.state, 'removed');
  });

  test('answers that say nothing about the license keep grace: unreachable, 5xx, 429', () => {
    for (const [outcome, httpStatus] of [['unreachable', undefined], ['SERVER_ERROR', 502], ['RATE_LIMITED', 429]] as const) {
      const status = evaluateLicense(input({ lastServerAnswer: { at: NOW - HOUR, outcome, ...(httpStatus ? { httpStatus } : {}) } }));
      assert.deepEqual([status.state, status.featuresEnabled], ['grace', true], outcome);
    }
  });

  test('a verdict older than the certificate was overruled by the activation that issued it', () => {
    const status = evaluateLicense(input({ lastServerAnswer: { at: NOW - 2 * DAY, outcome: 'ACTIVATION_REVOKED' } }));
    assert.notEqual(status.state, 'revoked');
  });

  test('version_not_covered outside min..max, and for a version that is not semver', () => {
    const cert = { payload: payload({ versions: { min: 2, max: 3 } }) };
    assert.equal(evaluateLicense(input({ certificate: cert, appVersion: '1.9.0' })).state, 'version_not_covered');
    assert.equal(evaluateLicense(input({ certificate: cert, appVersion: '4.0.0' })).state, 'version_not_covered');
    assert.equal(evaluateLicense(input({ certificate: cert, appVersion: '3.0.0-beta.1' })).state, 'active');
    const status = evaluateLicense(input({ certificate: cert, appVersion: 'nightly' }));
    assert.equal(status.code, 'VERSION_NOT_COVERED');
    assert.match(status.failedCheck ?? '', /major versions 2 to 3/);
  });

  test('expired at the expiry hour, active the hour before', () => {
    assert.equal(evaluateLicense(input({ certificate: { payload: payload({ expiresAt: NOW + HOUR }) } })).state, 'active');
    const status = evaluateLicense(input({ certificate: { payload: payload({ expiresAt: NOW }) } }));
    assert.deepEqual([status.state, status.code, status.featuresEnabled], ['expired', 'LICENSE_EXPIRED', false]);
  });

  test('grace with days left when the server was unreachable, features stay on', () => {
    const status = evaluateLicense(input({ lastServerAnswer: { at: NOW - HOUR, outcome: 'unreachable' } }));
    assert.deepEqual([status.state, status.code, status.daysLeft, status.featuresEnabled], ['grace', 'GRACE_PERIOD', 6, true]);
    assert.match(status.failedCheck ?? '', /unreachable.*6 days left/);
    const lastHour = evaluateLicense(input({ now: NOW + 6 * DAY - HOUR, highestTimeSeen: null, lastServerAnswer: { at: NOW, outcome: 'unreachable' } }));
    assert.equal(lastHour.daysLeft, 1);
  });

  test('grace when no server answer is recorded since the certificate', () => {
    assert.equal(evaluateLicense(input({ lastServerAnswer: null })).state, 'grace');
    assert.equal(evaluateLicense(input({ lastServerAnswer: { at: NOW - 3 * DAY, outcome: 'ok' } })).state, 'grace');
    assert.equal(evaluateLicense(input({ lastServerAnswer: { at: NOW, outcome: 'SERVER_ERROR', httpStatus: 500 } })).state, 'grace');
  });

  test('an activation answer a few minutes before the server-stamped issue time is still active (clock skew)', () => {
    const cert = { payload: payload({ issuedAt: NOW }) };
    assert.equal(evaluateLicense(input({ certificate: cert, lastServerAnswer: { at: NOW - 3 * 60_000, outcome: 'ok' } })).state, 'active');
  });

  test('lease_expired once the lease has ended, features off', () => {
    const status = evaluateLicense(input({ now: NOW + 6 * DAY, highestTimeSeen: null, lastServerAnswer: { at: NOW, outcome: 'unreachable' } }));
    assert.deepEqual([status.state, status.code, status.featuresEnabled], ['lease_expired', 'SERVER_UNREACHABLE', false]);
    assert.match(status.failedCheck ?? '', /re-validation was due/);
  });

  test('air-gapped and offline certificates never need the server', () => {
    for (const mode of ['airgapped', 'offline'] as const) {
      const cert = { payload: payload({ mode, leaseUntil: null }) };
      const status = evaluateLicense(input({ certificate: cert, lastServerAnswer: null, now: NOW + 100 * DAY, highestTimeSeen: null }));
      assert.equal(status.state, 'active', mode);
    }
  });

  test('a never-expiring license stays active years later', () => {
    const cert = { payload: payload({ mode: 'airgapped', leaseUntil: null, expiresAt: null }) };
    assert.equal(evaluateLicense(input({ certificate: cert, now: NOW + 3000 * DAY, highestTimeSeen: null })).state, 'active');
  });

  test('exports every state and check name', () => {
    assert.equal(new Set(LICENSE_STATES).size, 13);
    assert.deepEqual(EVALUATION_CHECKS.slice(0, 3), ['store', 'certificate', 'signature']);
  });
});

describe('evaluateLicense: the check order', () => {
  // Every check fails at once; removing the failure of the deciding check reveals the next one.
  const everythingWrong: EvaluationInput = {
    storeProblem: new KeyholeError('STORE_UNREADABLE', 'truncated').toInfo(),
    certificate: { payload: payload({ instanceId: OTHER_ID, expiresAt: NOW - DAY, versions: { min: 5, max: 6 }, leaseUntil: NOW - HOUR }) },
    machine: { instanceId: THIS_ID, fingerprint: PRINT },
    now: NOW,
    highestTimeSeen: NOW + DAY,
    appVersion: '1.0.0',
    lastServerAnswer: { at: NOW - HOUR, outcome: 'ACTIVATION_REVOKED' },
  };
  const repairs: Array<[string, (i: EvaluationInput) => EvaluationInput]> = [
    ['unreadable', ({ storeProblem: _, ...rest }) => rest],
    ['clock_rollback', (i) => ({ ...i, highestTimeSeen: NOW })],
    ['mismatch', (i) => ({ ...i, certificate: { payload: { ...(i.certificate as { payload: CertificatePayload }).payload, instanceId: THIS_ID } } })],
    ['revoked', (i) => ({ ...i, lastServerAnswer: { at: NOW - HOUR, outcome: 'unreachable' } })],
    ['version_not_covered', (i) => ({ ...i, appVersion: '5.1.0' })],
    ['expired', (i) => ({ ...i, certificate: { payload: { ...(i.certificate as { payload: CertificatePayload }).payload, expiresAt: null } } })],
    ['lease_expired', (i) => ({ ...i, certificate: { payload: { ...(i.certificate as { payload: CertificatePayload }).payload, leaseUntil: NOW + DAY } } })],
    ['grace', (i) => ({ ...i, lastServerAnswer: { at: NOW - HOUR, outcome: 'ok' } })],
    ['active', (i) => i],
  ];

  test('store → clock → instance → verdict → version → expiry → lease → grace → active', () => {
    let current = everythingWrong;
    for (const [expected, repair] of repairs) {
      assert.equal(evaluateLicense(current).state, expected);
      current = repair(current);
    }
  });

  test('no certificate is decided before the clock', () => {
    assert.equal(evaluateLicense({ ...everythingWrong, storeProblem: undefined, certificate: null }).state, 'not_activated');
  });
});

describe('evaluateLicense never throws', () => {
  const fingerprintArb = fc.record(Object.fromEntries(FINGERPRINT_COMPONENTS.map((c) => [c, fc.integer({ min: -5, max: 70 })])) as Record<keyof CompactFingerprint, fc.Arbitrary<number>>);
  const time = fc.oneof(fc.integer({ min: -1e15, max: 1e15 }), fc.constantFrom(NaN, Infinity, -Infinity, 0, NOW));
  const payloadArb = fc.record({
    formatVersion: fc.integer(),
    keyId: fc.integer(),
    mode: fc.constantFrom(...LICENSE_MODES),
    licenseId: fc.integer(),
    instanceId: fc.oneof(fc.constant(THIS_ID), fc.string()),
    fingerprint: fingerprintArb,
    plan: fc.record({ id: fc.integer(), name: fc.string() }),
    plugins: fc.array(fc.string()),
    issuedAt: time,
    expiresAt: fc.option(time),
    leaseUntil: fc.option(time),
    versions: fc.record({ min: fc.integer({ min: -1, max: 70 }), max: fc.option(fc.integer({ min: -1, max: 70 })) }),
  });
  const errorArb = fc.record({ code: fc.constantFrom(...ERROR_CODES), message: fc.string(), hint: fc.option(fc.string(), { nil: undefined }) });
  const inputArb = fc.record({
    certificate: fc.oneof(fc.constant(null), fc.record({ payload: payloadArb }), fc.record({ error: errorArb })),
    machine: fc.record({ instanceId: fc.oneof(fc.constant(THIS_ID), fc.string()), fingerprint: fingerprintArb }),
    now: time,
    highestTimeSeen: fc.option(time),
    appVersion: fc.oneof(fc.string(), fc.constantFrom('1.0.0', 'v2.3.4', '0.0.1', '63.0.0')),
    lastServerAnswer: fc.option(fc.record({ at: time, outcome: fc.constantFrom('ok' as const, 'unreachable' as const, ...ERROR_CODES), httpStatus: fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }) })),
    storeProblem: fc.option(errorArb, { nil: undefined }),
  });

  test('for arbitrary inputs it returns a known state, with a reason unless active', () => {
    fc.assert(
      fc.property(inputArb, (arb) => {
        const status = evaluateLicense(arb as EvaluationInput);
        assert.ok(LICENSE_STATES.includes(status.state));
        assert.equal(status.featuresEnabled, status.state === 'active' || status.state === 'grace');
        if (status.state !== 'active') assert.equal(typeof status.failedCheck, 'string');
        if (!status.featuresEnabled) assert.deepEqual(status.plugins, []);
      }),
      { numRuns: 500 },
    );
  });
});

describe('evaluateLicense: trials', () => {
  const trial = (over: Partial<CertificatePayload> = {}) => ({ payload: payload({ mode: 'trial', expiresAt: NOW + 10 * DAY, ...over }) });

  test('a running trial is active and leased like an online license: offline past its lease it stops', () => {
    assert.equal(evaluateLicense(input({ certificate: trial() })).state, 'active');
    const offline = evaluateLicense(input({ certificate: trial(), now: NOW + 7 * DAY, lastServerAnswer: { at: NOW, outcome: 'unreachable' } }));
    assert.deepEqual([offline.state, offline.code], ['lease_expired', 'SERVER_UNREACHABLE']);
  });

  test('an ended trial is TRIAL_ENDED, by its own expiry or by the server\'s LICENSE_EXPIRED; a license stays LICENSE_EXPIRED', () => {
    const ended = evaluateLicense(input({ certificate: trial({ expiresAt: NOW - HOUR }) }));
    assert.deepEqual([ended.state, ended.code, ended.featuresEnabled, ended.check], ['expired', 'TRIAL_ENDED', false, 'expiry']);
    const told = evaluateLicense(input({ certificate: trial(), lastServerAnswer: { at: NOW - HOUR, outcome: 'LICENSE_EXPIRED', httpStatus: 200 } }));
    assert.deepEqual([told.state, told.code], ['expired', 'TRIAL_ENDED']);
    const license = evaluateLicense(input({ certificate: { payload: payload({ expiresAt: NOW - HOUR }) } }));
    assert.equal(license.code, 'LICENSE_EXPIRED');
  });
});
