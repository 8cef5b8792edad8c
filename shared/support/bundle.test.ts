import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUNDLE_FORMAT_VERSION, checkBundle, sealBundle, type UnsealedBundle } from './bundle.ts';

const BUNDLE: UnsealedBundle = {
  bundleFormatVersion: BUNDLE_FORMAT_VERSION,
  createdAt: Date.UTC(2026, 10, 26),
  app: { version: '1.2.3', os: 'Debian 12', platform: 'linux', arch: 'x64' },
  productId: 'acme-studio',
  instanceId: 'ABCD-EFGH-JKMN-PQRS',
  fingerprint: {
    components: { machineId: 'aa', systemUuid: null, baseboardSerial: null, diskSerial: null, cpu: 'bb', mac: null },
    weak: false,
  },
  certificate: null,
  licenseKeyRedacted: 'KH-AAAAA-…-EEEEE',
  mode: null,
  store: { backend: 'key_file', weakProtection: true, problem: null },
  clock: { now: Date.UTC(2026, 10, 26), highestTimeSeen: Date.UTC(2026, 10, 26) },
  authority: { url: 'http://127.0.0.1:4780', answered: false, lastAnswer: { at: 1, outcome: 'unreachable' } },
  seen: { state: 'not_activated', code: 'NOT_ACTIVATED', failedCheck: 'no certificate is stored' },
  events: [{ at: 1, action: 'activate', outcome: 'SERVER_UNREACHABLE', latencyMs: 10000 }],
  logTail: ['{"level":"info"}'],
};

describe('support bundle', () => {
  test('a sealed bundle survives a JSON round trip and checks out', async () => {
    const sealed = JSON.parse(JSON.stringify(await sealBundle(BUNDLE)));
    const check = await checkBundle(sealed);
    assert.equal(check.ok, true);
  });

  test('an edited bundle is said to be edited', async () => {
    const sealed = await sealBundle(BUNDLE);
    const check = await checkBundle({ ...sealed, clock: { ...sealed.clock, now: sealed.clock.now + 1 } });
    assert.deepEqual(check, { ok: false, problem: 'this bundle was edited after the app saved it: its seal does not match its content' });
  });

  test('a newer format and a non-bundle are named', async () => {
    const newer = await checkBundle({ ...(await sealBundle(BUNDLE)), bundleFormatVersion: 99 });
    assert.match(newer.ok ? '' : newer.problem, /format version 99; this tool reads up to 1/);
    const other = await checkBundle({ hello: 'world' });
    assert.match(other.ok ? '' : other.problem, /^not a Keyhole support bundle: /);
  });
});
