import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOG, ERROR_CODES, describeError, isErrorCode, knownCode } from './catalog.ts';
import { KeyholeError } from './keyhole-error.ts';

describe('error catalog', () => {
  test('carries the titles users already know', () => {
    const titles = {
      LICENSE_FORMAT_INVALID: 'Invalid license key format',
      LICENSE_INVALID: 'Invalid license key',
      LICENSE_EXPIRED: 'License expired',
      LICENSE_MISMATCH: 'License key mismatch',
      LICENSE_DEACTIVATED: 'License deactivated',
      ACTIVATION_LIMIT_REACHED: 'Activation limit reached',
      ACTIVATION_REVOKED: "This device's activation was revoked",
      SERVER_UNREACHABLE: 'Cannot reach the license server',
      GRACE_PERIOD: 'Working offline',
      CLOCK_ROLLBACK: 'System clock was set back',
      STORE_UNREADABLE: 'Local license data is unreadable',
      VERSION_NOT_COVERED: 'This version is not covered by the license',
      DEACTIVATION_CODE_MISMATCH: 'Deactivation code does not match',
    } as const;
    for (const [code, title] of Object.entries(titles)) assert.equal(CATALOG[code as keyof typeof titles].title, title);
  });

  test('every entry explains, names causes and gives numbered fix steps', () => {
    for (const code of ERROR_CODES) {
      const entry = CATALOG[code];
      assert.equal(entry.code, code);
      assert.ok(entry.title.length > 3 && entry.explanation.endsWith('.'), code);
      assert.ok(entry.causes.length > 0 && entry.fixes.length > 0, code);
      for (const line of [...entry.causes, ...entry.fixes]) assert.match(line, /[.!?)]$/, `${code}: ${line}`);
      assert.ok(['error', 'warning', 'info'].includes(entry.severity));
    }
  });

  test('a deactivation code that fits no current activation says so in the words a user can act on: it names the current activation of that instance', () => {
    assert.match(CATALOG.DEACTIVATION_CODE_MISMATCH.explanation, /^This deactivation code does not match the current activation of that instance/);
    assert.equal(CATALOG.DEACTIVATION_CODE_MISMATCH.retryable, false);
  });

  test('an unknown code from a newer server still gets words, not a crash', () => {
    assert.equal(isErrorCode('SOMETHING_NEW'), false);
    assert.equal(describeError('SOMETHING_NEW', 'server').code, 'SERVER_ERROR');
    assert.equal(knownCode('SOMETHING_NEW', 'server'), 'SERVER_ERROR');
  });

  test('an unknown code from inside the app is a defect of the app: INTERNAL_ERROR', () => {
    assert.equal(describeError('SOMETHING_NEW').code, 'INTERNAL_ERROR');
    assert.equal(knownCode(undefined, 'app'), 'INTERNAL_ERROR');
    assert.equal(knownCode('LICENSE_EXPIRED', 'app'), 'LICENSE_EXPIRED');
  });

  test('KeyholeError crosses boundaries as code, catalog title and hint', () => {
    const info = new KeyholeError('ACTIVATION_LIMIT_REACHED', '5 of 5 in use', { used: 5, limit: 5 }).toInfo();
    assert.deepEqual(info, {
      code: 'ACTIVATION_LIMIT_REACHED',
      message: 'Activation limit reached',
      hint: '5 of 5 in use',
      details: { used: 5, limit: 5 },
    });
  });
});
