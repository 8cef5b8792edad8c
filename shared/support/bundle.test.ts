import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUNDLE_FORMAT_VERSION, checkBundle, sealBundle, type UnsealedBundle } from './bundle.ts';

const SERVER = { activationsUsed: 1, activationLimit: 5, planName: 'Studio', expiresAt: null, lastValidatedAt: Date.UTC(2026, 10, 25) };

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
  trustedKeys: { productId: 'acme-studio', keys: [{ id: 1, publicKey: 'AAAA' }] },
  store: { backend: 'key_file', weakProtection: true, problem: null },
  clock: { now: Date.UTC(2026, 10, 26), highestTimeSeen: Date.UTC(2026, 10, 26) },
  authority: { url: 'http://127.0.0.1:4780', answered: false, lastAnswer: { at: 1, outcome: 'unreachable' } },
  seen: { state: 'not_activated', code: 'NOT_ACTIVATED', failedCheck: 'no certificate is stored', server: SERVER },
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
    assert.match(newer.ok ? '' : newer.problem, new RegExp(`format version 99; this tool reads up to ${BUNDLE_FORMAT_VERSION}: update Keyhole`));
    const other = await checkBundle({ hello: 'world' });
    assert.match(other.ok ? '' : other.problem, /^not a Keyhole support bundle: /);
  });

  test('a format 1 bundle (no trusted keys, no server facts) still reads', async () => {
    const { trustedKeys: _keys, ...v1 } = { ...BUNDLE, bundleFormatVersion: 1 };
    const { server: _server, ...seen } = BUNDLE.seen;
    const check = await checkBundle(JSON.parse(JSON.stringify(await sealBundle({ ...v1, seen }))));
    assert.ok(check.ok, check.ok ? '' : check.problem);
    assert.equal(check.bundle.seen.server, undefined);
  });

  test('a bundle saved while the limit was written activationsLimit still reads, under the contract name', async () => {
    const { activationLimit, ...rest } = SERVER;
    const legacy = { ...BUNDLE, seen: { ...BUNDLE.seen, server: { ...rest, activationsLimit: activationLimit } } } as unknown as UnsealedBundle;
    const check = await checkBundle(JSON.parse(JSON.stringify(await sealBundle(legacy))));
    assert.ok(check.ok, check.ok ? '' : check.problem);
    assert.deepEqual(check.bundle.seen.server, SERVER);
  });

  test('the seal covers the server facts and the trusted keys', async () => {
    const sealed = await sealBundle(BUNDLE);
    const more = await checkBundle({ ...sealed, seen: { ...sealed.seen, server: { ...SERVER, activationsUsed: 0 } } });
    assert.match(more.ok ? '' : more.problem, /was edited after the app saved it/);
    const keys = await checkBundle({ ...sealed, trustedKeys: { productId: 'acme-studio', keys: [{ id: 9, publicKey: 'x' }] } });
    assert.match(keys.ok ? '' : keys.problem, /was edited after the app saved it/);
  });

  test('a time no clock can show, or a file nested absurdly deep, is named, not a crash', async () => {
    const late = await checkBundle(await sealBundle({ ...BUNDLE, clock: { now: 1e300, highestTimeSeen: 1e300 } }));
    assert.match(late.ok ? '' : late.problem, /^not a Keyhole support bundle: clock\.now: /);
    let deep: unknown = {};
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    const nested = await checkBundle({ ...BUNDLE, store: { ...BUNDLE.store, problem: { code: 'STORE_UNREADABLE', message: 'x', details: deep } } });
    assert.match(nested.ok ? '' : nested.problem, /^not a Keyhole support bundle: it nests deeper than \d+ levels/);
  });
});
