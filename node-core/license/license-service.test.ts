import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import type { CertificatePayload } from '../../shared/license/certificate.ts';
import { manualClock } from '../clock.ts';
import { createLicenseCore, type LicenseCore } from '../create-license-core.ts';
import { collectFingerprint } from '../fingerprint/collect-fingerprint.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../fingerprint/identifier-source.ts';
import { closedPort, scriptedServer, silentServer, type ScriptedAnswer } from '../../tests/harness/core/loopback.ts';
import { OFFICE_PC, OTHER_PC } from '../../tests/harness/core/machines.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { createTestSigner, type TestSigner } from '../replay/scenario-signer.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 2, 1, 9, 30);

interface Setup {
  core: LicenseCore;
  clock: ReturnType<typeof manualClock>;
  signer: TestSigner;
  dir: string;
}

async function setup(t: TestContext, over: { machine?: RawIdentifiers; dir?: string; signer?: TestSigner; authorityUrl?: string; fetch?: typeof fetch; appVersion?: string } = {}): Promise<Setup> {
  const signer = over.signer ?? createTestSigner();
  const dir = over.dir ?? tempDir(t);
  const clock = manualClock(START);
  const core = createLicenseCore({
    dataDir: dir,
    product: signer.product,
    appVersion: over.appVersion ?? '1.2.0',
    identifierSource: staticIdentifierSource(over.machine ?? OFFICE_PC),
    clock,
    authorityUrl: over.authorityUrl ?? `http://127.0.0.1:${await closedPort()}`,
    timeoutMs: 500,
    env: {},
    ...(over.fetch ? { fetch: over.fetch } : {}),
  });
  return { core, clock, signer, dir };
}

/** Puts a signed certificate in the store, as a successful online activation would have. */
async function storeActivation({ core, clock, signer }: Setup, over: Partial<CertificatePayload> = {}, sign = signer.sign): Promise<string> {
  const { instanceId } = await core.service.getStatus();
  const compact = (await collectFingerprint(staticIdentifierSource(OFFICE_PC), signer.product.productId)).compact;
  const certificate = sign(signer.payload(instanceId, compact, clock.now(), over));
  const key = generateLicenseKey();
  core.store.update((state) => ({
    ...state,
    activation: { certificate, licenseKey: key, mode: over.mode ?? 'online', activatedAt: clock.now() },
    lastValidation: { at: clock.now(), outcome: 'ok', httpStatus: 200 },
  }));
  // On disk before a test restarts on this folder (a process's first writes wait for conf to load).
  await core.store.flushed();
  return certificate;
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<KeyholeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof KeyholeError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('license service: status', () => {
  test('a fresh installation is not activated and shows its Instance ID', async (t) => {
    const { core } = await setup(t);
    const snapshot = await core.service.getStatus();
    assert.equal(snapshot.status.state, 'not_activated');
    assert.match(snapshot.instanceId, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.deepEqual([snapshot.machine.weak, snapshot.machine.keyBackend, snapshot.machine.keyBackendWeak], [false, 'key_file', true]);
  });

  test('a stored, correctly signed certificate is active with its plugins', async (t) => {
    const s = await setup(t);
    await storeActivation(s);
    const snapshot = await s.core.service.getStatus();
    assert.equal(snapshot.status.state, 'active');
    assert.deepEqual(snapshot.status.plugins, ['reports', 'sync']);
    assert.match(snapshot.activation?.licenseKey ?? '', /^KH-\w{5}-…-\w{5}$/);
    assert.equal(snapshot.nextValidationAt, START + 6 * HOUR);
  });

  test('a certificate signed by a foreign key is invalid', async (t) => {
    const s = await setup(t);
    const foreign = createTestSigner(1, s.signer.product);
    await storeActivation(s, {}, foreign.sign);
    const snapshot = await s.core.service.getStatus();
    assert.deepEqual([snapshot.status.state, snapshot.status.code], ['invalid', 'LICENSE_INVALID']);
  });


  test('the stored certificate\'s signature is checked once however often the status is asked; another certificate is checked afresh', async (t) => {
    const s = await setup(t);
    await storeActivation(s);
    const checks = t.mock.method(globalThis.crypto.subtle, 'verify');
    for (let i = 0; i < 3; i++) assert.equal((await s.core.service.getStatus()).status.state, 'active');
    assert.equal(checks.mock.callCount(), 1);

    // A certificate swapped in under the running service (another key signed it) is not taken on the old one's word.
    const foreign = createTestSigner(1, s.signer.product);
    await storeActivation(s, {}, foreign.sign);
    assert.deepEqual([(await s.core.service.getStatus()).status.state, checks.mock.callCount()], ['invalid', 2]);
    await storeActivation(s);
    assert.deepEqual([(await s.core.service.getStatus()).status.state, checks.mock.callCount()], ['active', 3]);
  });
  test('the clock set back a day is a rollback; the highest time seen survives a restart', async (t) => {
    const s = await setup(t);
    await storeActivation(s);
    s.clock.advance(2 * HOUR);
    assert.equal((await s.core.service.getStatus()).status.state, 'active');
    const restarted = await setup(t, { dir: s.dir, signer: s.signer });
    restarted.clock.set(START - DAY);
    const snapshot = await restarted.core.service.getStatus();
    assert.equal(snapshot.status.state, 'clock_rollback');
  });

  test('the store copied to another machine is a mismatch naming what differs, once the hardware is read', async (t) => {
    const s = await setup(t);
    await storeActivation(s);
    const copy = join(tempDir(t), 'copied');
    cpSync(s.dir, copy, { recursive: true });
    const other = await setup(t, { dir: copy, signer: s.signer, machine: OTHER_PC });
    const changed = new Promise<void>((resolve) => other.core.machine.onChange(resolve));
    // Start-up decides from the stored fingerprint; the hardware answers in the background.
    assert.equal((await other.core.service.getStatus()).status.state, 'active');
    await changed;
    const snapshot = await other.core.service.getStatus();
    assert.deepEqual([snapshot.status.state, snapshot.status.code], ['mismatch', 'LICENSE_MISMATCH']);
    assert.match(snapshot.status.failedCheck ?? '', /machine id, system UUID, baseboard serial, disk serial/);
    assert.equal(other.core.service.events().at(-1)?.action, 'instance_moved');
  });

  test('an app version outside the license is not covered', async (t) => {
    const s = await setup(t, { appVersion: '3.0.1' });
    await storeActivation(s, { versions: { min: 1, max: 2 } });
    assert.equal((await s.core.service.getStatus()).status.state, 'version_not_covered');
  });
});

describe('license service: online actions without a reachable authority', () => {
  test('a malformed key is refused before any network call', async (t) => {
    let calls = 0;
    const { core } = await setup(t, { fetch: async () => { calls++; throw new Error('no network in this test'); } });
    const error = await rejectsWith(core.service.activateOnline('KH-12345-ABCDE'), 'LICENSE_FORMAT_INVALID');
    assert.match(error.hint ?? '', /\w/);
    assert.equal(calls, 0);
    assert.deepEqual([core.service.events().at(-1)?.action, core.service.events().at(-1)?.outcome], ['activate', 'LICENSE_FORMAT_INVALID']);
  });

  test('nothing listening: SERVER_UNREACHABLE, and the existing activation is untouched', async (t) => {
    const s = await setup(t);
    const certificate = await storeActivation(s);
    const error = await rejectsWith(s.core.service.activateOnline(generateLicenseKey()), 'SERVER_UNREACHABLE');
    assert.match(error.hint ?? '', /could not connect/);
    assert.equal(s.core.store.state.activation?.certificate, certificate);
    assert.equal((await s.core.service.getStatus()).status.state, 'active');
    const event = s.core.service.events().at(-1);
    assert.deepEqual([event?.action, event?.outcome, event?.httpStatus], ['activate', 'unreachable', null]);
    assert.doesNotMatch(JSON.stringify(s.core.service.events()), /KH-(\w{5}-){4}\w{5}/, 'no full key in the log');
  });

  test('a server that never answers times out as SERVER_UNREACHABLE', async (t) => {
    const server = await silentServer(t);
    const { core } = await setup(t, { authorityUrl: server.url });
    const error = await rejectsWith(core.service.activateOnline(generateLicenseKey()), 'SERVER_UNREACHABLE');
    assert.match(error.hint ?? '', /no answer from .* within/);
    assert.equal(server.connections(), 1);
  });

  test('Cancel aborts a pending activation', async (t) => {
    const server = await silentServer(t);
    const { core } = await setup(t, { authorityUrl: server.url });
    const controller = new AbortController();
    const pending = core.service.activateOnline(generateLicenseKey(), { signal: controller.signal });
    while (server.connections() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await rejectsWith(pending, 'SERVER_UNREACHABLE');
    assert.equal(error.details?.cancelled, true);
    assert.match(error.hint ?? '', /cancelled/);
  });

  test('re-validation while unreachable is recorded and becomes grace, then the lease ends', async (t) => {
    const s = await setup(t);
    await storeActivation(s);
    s.clock.advance(HOUR);
    const outcome = await s.core.service.validateNow();
    assert.equal(outcome.outcome, 'unreachable');
    assert.equal(outcome.error?.code, 'SERVER_UNREACHABLE');
    assert.deepEqual([outcome.snapshot.status.state, outcome.snapshot.status.daysLeft, outcome.snapshot.status.featuresEnabled], ['grace', 7, true]);
    assert.ok(s.core.store.state.activation, 'the certificate is kept');
    s.clock.advance(6 * DAY);
    assert.equal((await s.core.service.getStatus()).status.daysLeft, 1);
    s.clock.advance(DAY);
    const ended = await s.core.service.getStatus();
    assert.deepEqual([ended.status.state, ended.status.code, ended.status.featuresEnabled], ['lease_expired', 'SERVER_UNREACHABLE', false]);
  });

  test('deactivation while unreachable says so and changes nothing', async (t) => {
    const s = await setup(t);
    const certificate = await storeActivation(s);
    const error = await rejectsWith(s.core.service.deactivate(), 'SERVER_UNREACHABLE');
    assert.match(error.hint ?? '', /still activated/);
    assert.equal(s.core.store.state.activation?.certificate, certificate);
    assert.equal((await s.core.service.getStatus()).status.state, 'active');
  });

  test('change key while unreachable keeps the old activation', async (t) => {
    const s = await setup(t);
    const certificate = await storeActivation(s);
    await rejectsWith(s.core.service.changeKey(generateLicenseKey()), 'SERVER_UNREACHABLE');
    assert.equal(s.core.store.state.activation?.certificate, certificate);
  });

  test('Activate is a first activation on a fresh install and a change of key once one is stored', async (t) => {
    const s = await setup(t);
    await rejectsWith(s.core.service.activateOrChangeKey(generateLicenseKey()), 'SERVER_UNREACHABLE');
    assert.equal(s.core.service.events().at(-1)?.action, 'activate');
    const certificate = await storeActivation(s);
    await rejectsWith(s.core.service.activateOrChangeKey(generateLicenseKey()), 'SERVER_UNREACHABLE');
    assert.equal(s.core.service.events().at(-1)?.action, 'change_key');
    assert.equal(s.core.store.state.activation?.certificate, certificate, 'the old activation stays');
  });

  test('validate and deactivate need an activation', async (t) => {
    const { core } = await setup(t);
    await rejectsWith(core.service.validateNow(), 'NOT_ACTIVATED');
    await rejectsWith(core.service.deactivate(), 'NOT_ACTIVATED');
  });
});

describe('license service: what the authority answers', () => {
  const errorBody = (status: number, error: Record<string, unknown>): ScriptedAnswer => ({ status, body: { error } });

  test('a refused deactivation keeps the activation and says when a slot can be freed again', async (t) => {
    const refusal = errorBody(409, {
      code: 'DEACTIVATION_LIMIT_REACHED',
      message: 'Too many deactivations',
      hint: '3 of 3 slot releases in 30 days are used',
      next_release_at: '2027-01-12T08:00:00.000Z',
    });
    const server = await scriptedServer(t, () => refusal);
    const s = await setup(t, { authorityUrl: server.url });
    const certificate = await storeActivation(s);
    const error = await rejectsWith(s.core.service.deactivate(), 'DEACTIVATION_LIMIT_REACHED');
    assert.match(error.hint ?? '', /3 of 3 slot releases.*2027-01-12.*still activated/);
    assert.equal(error.details?.next_release_at, '2027-01-12T08:00:00.000Z');
    assert.equal(s.core.store.state.activation?.certificate, certificate);
    const after = await s.core.service.getStatus();
    assert.deepEqual([after.status.state, after.status.featuresEnabled], ['active', true]);
  });

  test('any refused deactivation keeps the activation: proof required, a 5xx, a request the server rejects', async (t) => {
    const answers = [
      errorBody(403, { code: 'DEACTIVATION_PROOF_REQUIRED', message: 'x', hint: 'deactivate it on that machine' }),
      { status: 502, body: { oops: true } },
      errorBody(400, { code: 'REQUEST_INVALID', message: 'x', hint: 'certificate: unknown field' }),
    ];
    let next = 0;
    const server = await scriptedServer(t, () => answers[next++]!);
    const s = await setup(t, { authorityUrl: server.url });
    const certificate = await storeActivation(s);
    for (const code of ['DEACTIVATION_PROOF_REQUIRED', 'SERVER_ERROR', 'REQUEST_INVALID']) {
      const error = await rejectsWith(s.core.service.deactivate(), code);
      assert.match(error.hint ?? '', /still activated: nothing was changed/);
      assert.equal(s.core.store.state.activation?.certificate, certificate, code);
    }
    assert.equal((await s.core.service.getStatus()).status.state, 'active');
  });

  test('deactivating online sends the stored certificate as proof that this device holds the slot', async (t) => {
    const server = await scriptedServer(t, () => ({ status: 200, body: { deactivated: true } }));
    const s = await setup(t, { authorityUrl: server.url });
    const certificate = await storeActivation(s);
    const { instanceId } = await s.core.service.getStatus();
    assert.equal((await s.core.service.deactivate()).status.state, 'not_activated');
    const sent = server.requests.find((r) => r.path === '/license/deactivate')?.body as Record<string, unknown>;
    assert.deepEqual([sent.instance_id, sent.certificate], [instanceId, certificate]);
  });

  test('deactivating a device whose slot was already freed elsewhere clears it here', async (t) => {
    const server = await scriptedServer(t, () => errorBody(404, { code: 'NOT_ACTIVATED', message: 'x', hint: 'this instance holds no activation of this license' }));
    const s = await setup(t, { authorityUrl: server.url });
    await storeActivation(s);
    assert.equal((await s.core.service.deactivate()).status.state, 'not_activated');
  });

  test('"not activated" from validate turns features off at once as ACTIVATION_REMOVED', async (t) => {
    const server = await scriptedServer(t, () => ({ status: 200, body: { valid: false, code: 'NOT_ACTIVATED', message: 'Not activated' } }));
    const s = await setup(t, { authorityUrl: server.url });
    await storeActivation(s);
    s.clock.advance(HOUR);
    const outcome = await s.core.service.validateNow();
    assert.equal(outcome.outcome, 'ACTIVATION_REMOVED');
    assert.equal(outcome.error?.code, 'ACTIVATION_REMOVED');
    const { status } = outcome.snapshot;
    assert.deepEqual([status.state, status.code, status.featuresEnabled, status.plugins], ['removed', 'ACTIVATION_REMOVED', false, []]);
    assert.ok(s.core.store.state.activation, 'the certificate is kept: activating again re-uses the key');
  });

  test('a 5xx or 429 from validate says nothing about the license: grace', async (t) => {
    const answers: ScriptedAnswer[] = [
      { status: 503, body: 'maintenance' },
      errorBody(429, { code: 'RATE_LIMITED', message: 'x', hint: 'try again in 60 s' }),
    ];
    let next = 0;
    const server = await scriptedServer(t, () => answers[next++]!);
    const s = await setup(t, { authorityUrl: server.url });
    await storeActivation(s);
    for (const expected of ['SERVER_ERROR', 'RATE_LIMITED']) {
      s.clock.advance(HOUR);
      const outcome = await s.core.service.validateNow();
      assert.equal(outcome.outcome, expected);
      assert.deepEqual([outcome.snapshot.status.state, outcome.snapshot.status.featuresEnabled], ['grace', true], expected);
    }
  });
});

describe('license service: unreadable store', () => {
  test('is reported with the file kept aside, across restarts, until the next activation', async (t) => {
    const s = await setup(t);
    await storeActivation(s);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(s.dir, 'license.json'), '{"activation": "edited by hand"}');
    const damaged = await setup(t, { dir: s.dir, signer: s.signer });
    assert.equal(damaged.core.storeProblem?.code, 'STORE_UNREADABLE');
    const snapshot = await damaged.core.service.getStatus();
    assert.deepEqual([snapshot.status.state, snapshot.status.code], ['unreadable', 'STORE_UNREADABLE']);
    assert.match(snapshot.status.failedCheck ?? '', /integrity check.*license\.unreadable-.*\.json/);
    assert.equal(snapshot.instanceId, (await s.core.service.getStatus()).instanceId, 'the same machine keeps its Instance ID');
    const restarted = await setup(t, { dir: s.dir, signer: s.signer });
    assert.equal(restarted.core.storeProblem, null);
    assert.equal((await restarted.core.service.getStatus()).status.state, 'unreadable');
  });
});
