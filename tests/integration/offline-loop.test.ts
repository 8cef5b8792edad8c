import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { decodeRequestCode } from '../../shared/license/offline-codes.ts';
import { manualClock } from '../../node-core/clock.ts';
import { createLicenseCore, type LicenseCore } from '../../node-core/create-license-core.ts';
import { staticIdentifierSource, type RawIdentifiers } from '../../node-core/fingerprint/identifier-source.ts';
import { startRevalidation } from '../../node-core/license/revalidation.ts';
import { OFFICE_PC, OTHER_PC } from '../harness/core/machines.ts';
import { tempDir } from '../harness/core/temp-dir.ts';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { activationCodeIn, errorCodeIn, errorTitleIn, postForm } from '../harness/http/manual-page-forms.ts';
import { jsonClient } from '../harness/authority/test-authority.ts';
import { outcomeCode } from '../harness/http/error-code.ts';

/*
 * The offline exchange end to end: the app's core (real store files, real signature checks) and
 * the real authority's manual activation page over real HTTP, with the codes carried between them
 * exactly as a user copies them — and the air-gapped mode, which never calls out once activated.
 */

const DAY = 86_400_000;
const OFFLINE_PLAN = { name: 'Site', activation_limit: 1, expiry: null, mode: 'offline', plugins: ['reports', 'audit'] };

interface World {
  readonly authority: DemoAuthority;
  readonly clock: ReturnType<typeof manualClock>;
  /** Every request the app's cores made. */
  readonly calls: string[];
  open(machine?: RawIdentifiers, dataDir?: string): LicenseCore;
  order(plan: Record<string, unknown>): Promise<{ key: string; id: number }>;
  key(name: string): string;
}

async function world(t: TestContext): Promise<World> {
  const authority = await startDemoAuthority();
  t.after(() => authority.close());
  const clock = manualClock(Date.now());
  const calls: string[] = [];
  const counting: typeof fetch = (input, init) => {
    calls.push(String(input));
    return fetch(input, init);
  };
  const { order } = jsonClient(authority.url, authority.adminToken);
  return {
    authority,
    clock,
    calls,
    open: (machine = OFFICE_PC, dataDir = tempDir(t)) =>
      createLicenseCore({ dataDir, product: authority.productConfig, appVersion: '1.4.0', identifierSource: staticIdentifierSource(machine), clock, env: {}, fetch: counting, timeoutMs: 2000 }),
    order,
    key: (name) => authority.keys.find((k) => k.name === name)?.key ?? assert.fail(`demo key ${name}`),
  };
}

/** What the user does on the connected machine: paste into the manual page, copy the activation code. */
async function activationCodeFor(w: World, fields: Record<string, string>): Promise<string> {
  const page = await postForm(w.authority.url, '/activate', fields);
  assert.equal(page.status, 200, errorTitleIn(page.html) ?? `HTTP ${page.status}`);
  return activationCodeIn(page.html) ?? assert.fail('no activation code on the page');
}

describe('offline activation: request code ⇄ manual page ⇄ activation code', () => {
  test('the whole loop: active at once in offline mode, persisted, without one network call from the app', async (t) => {
    const w = await world(t);
    const dataDir = tempDir(t);
    const core = w.open(OFFICE_PC, dataDir);
    const request = await core.service.createRequestCode(` ${w.key('offline-only').toLowerCase()} `);
    const { instanceId } = await core.service.getStatus();
    assert.equal(request.instanceId, instanceId);
    assert.equal(decodeRequestCode(request.requestCode).instanceId, instanceId);
    assert.equal(request.manualActivationUrl, `${w.authority.url}/activate`);
    assert.match(request.qrSvg, /^<svg[^>]*viewBox/);
    assert.equal(request.supportContact.email, w.authority.productConfig.support.email);

    const code = await activationCodeFor(w, { request_code: request.requestCode });
    const snapshot = await core.service.activateOffline(code.toLowerCase().replace(/-/g, ' '));
    assert.equal(snapshot.status.state, 'active');
    assert.deepEqual([snapshot.activation?.mode, snapshot.activation?.licenseKey], ['offline', null]);
    assert.deepEqual(snapshot.status.plugins, ['reports', 'audit', 'export-pro']);
    assert.equal((await w.open(OFFICE_PC, dataDir).service.getStatus()).status.state, 'active', 'after a restart');
    assert.deepEqual(w.calls, []);
    assert.equal(core.service.events().at(-1)?.action, 'activate_offline');
  });

  test('a code for another machine is LICENSE_MISMATCH; a failed import never clears the activation', async (t) => {
    const w = await world(t);
    const office = w.open(OFFICE_PC);
    const other = w.open(OTHER_PC);
    const officeCode = await activationCodeFor(w, { request_code: (await office.service.createRequestCode(w.key('offline-only'))).requestCode });
    await office.service.activateOffline(officeCode);

    assert.equal(await outcomeCode(other.service.activateOffline(officeCode)), 'LICENSE_MISMATCH');
    assert.equal((await other.service.getStatus()).status.state, 'not_activated');

    const otherCode = await activationCodeFor(w, { request_code: (await other.service.createRequestCode(w.key('offline-only'))).requestCode });
    const stored = office.store.state.activation?.certificate;
    for (const [code, expected] of [[otherCode, 'LICENSE_MISMATCH'], [officeCode.slice(0, -6), 'ACTIVATION_CODE_FORMAT_INVALID'], ['KR-garbage', 'ACTIVATION_CODE_FORMAT_INVALID']] as const) {
      assert.equal(await outcomeCode(office.service.activateOffline(code)), expected);
      assert.equal(office.store.state.activation?.certificate, stored);
      assert.equal((await office.service.getStatus()).status.state, 'active');
    }
    assert.equal(office.service.events().at(-1)?.outcome, 'ACTIVATION_CODE_FORMAT_INVALID');
  });

  test('expired: LICENSE_EXPIRED on the page, and an activation code past its expiry is refused by the app', async (t) => {
    const w = await world(t);
    const core = w.open();
    const expiredPage = await postForm(w.authority.url, '/activate', { request_code: (await core.service.createRequestCode(w.key('expired'))).requestCode });
    assert.equal(errorTitleIn(expiredPage.html), CATALOG.LICENSE_EXPIRED.title);

    const soon = await w.order({ ...OFFLINE_PLAN, expiry: { value: 2, unit: 'days' } });
    const code = await activationCodeFor(w, { request_code: (await core.service.createRequestCode(soon.key)).requestCode });
    w.clock.advance(3 * DAY);
    assert.equal(await outcomeCode(core.service.activateOffline(code)), 'LICENSE_EXPIRED');
  });

  test('an app version the plan does not cover is VERSION_NOT_COVERED', async (t) => {
    const w = await world(t);
    const core = w.open();
    const { key } = await w.order({ ...OFFLINE_PLAN, versions: { min: 5, max: 6 } });
    const code = await activationCodeFor(w, { request_code: (await core.service.createRequestCode(key)).requestCode });
    assert.equal(await outcomeCode(core.service.activateOffline(code)), 'VERSION_NOT_COVERED');
  });

  test('offline deactivation frees the slot of a limit-1 license, which a second machine then takes', async (t) => {
    const w = await world(t);
    const { key } = await w.order(OFFLINE_PLAN);
    const dataDir = tempDir(t);
    const first = w.open(OFFICE_PC, dataDir);
    const second = w.open(OTHER_PC);
    await first.service.activateOffline(await activationCodeFor(w, { request_code: (await first.service.createRequestCode(key)).requestCode }));
    const secondRequest = (await second.service.createRequestCode(key)).requestCode;
    const full = await postForm(w.authority.url, '/activate', { request_code: secondRequest });
    assert.equal(errorCodeIn(full.html), 'ACTIVATION_LIMIT_REACHED');

    const { code, manualUrl } = await first.service.deactivateOffline();
    assert.match(code, /^KD-/);
    assert.equal(manualUrl, `${w.authority.url}/deactivate`);
    assert.equal((await first.service.getStatus()).status.state, 'not_activated');
    assert.deepEqual(w.open(OFFICE_PC, dataDir).service.pendingDeactivation(), { code, manualUrl }, 'shown again after a restart');

    const freed = await postForm(w.authority.url, '/deactivate', { deactivation_code: code });
    assert.equal(freed.status, 200, errorTitleIn(freed.html) ?? '');
    const snapshot = await second.service.activateOffline(await activationCodeFor(w, { request_code: secondRequest }));
    assert.equal(snapshot.status.state, 'active');

    first.service.dismissDeactivationCode();
    assert.equal(first.service.pendingDeactivation(), null);
    assert.deepEqual(w.calls, []);
  });

  test('an online plan activated by hand works offline for its lease, then re-validates by itself with the key of the request', async (t) => {
    const w = await world(t);
    const core = w.open();
    const request = await core.service.createRequestCode(w.key('online'));
    const manual = await core.service.activateOffline(await activationCodeFor(w, { request_code: request.requestCode }));
    assert.deepEqual([manual.status.state, manual.activation?.mode], ['grace', 'online'], 'no server answer about this certificate yet');
    assert.match(manual.activation?.licenseKey ?? '', /^KH-/);
    const validated = await core.service.validateNow();
    assert.deepEqual([validated.outcome, validated.snapshot.status.state], ['ok', 'active']);
  });

  test('a store copied to another computer cannot give up the original machine\'s slot', async (t) => {
    const w = await world(t);
    const dataDir = tempDir(t);
    const office = w.open(OFFICE_PC, dataDir);
    await office.service.activateOffline(await activationCodeFor(w, { request_code: (await office.service.createRequestCode(w.key('offline-only'))).requestCode }));
    const copy = join(tempDir(t), 'copied');
    cpSync(dataDir, copy, { recursive: true });
    assert.equal(await outcomeCode(w.open(OTHER_PC, copy).service.deactivateOffline()), 'LICENSE_MISMATCH');
  });
});

describe('air-gapped mode', () => {
  test('activated online once, then no call out: authority stopped, clock close to expiry, still active', async (t) => {
    const w = await world(t);
    const { key } = await w.order({ name: 'Air', activation_limit: 2, expiry: { value: 30, unit: 'days' }, mode: 'airgapped', plugins: ['sso'] });
    const core = w.open();
    const activated = await core.service.activateOnline(key);
    assert.deepEqual([activated.status.state, activated.activation?.mode], ['active', 'airgapped']);
    const callsAtActivation = w.calls.length;
    await w.authority.close();

    w.clock.advance(29 * DAY + 20 * 3_600_000);
    const later = await core.service.getStatus();
    assert.equal(later.status.state, 'active');
    assert.equal(later.nextValidationAt, null);
    assert.equal((await core.service.validateNow()).outcome, 'skipped');
    const revalidation = startRevalidation(core.service, { tickMs: 60_000, retryMs: 60_000, onStatus: () => {} });
    await revalidation.runNow();
    revalidation.stop();
    assert.equal(w.calls.length, callsAtActivation, 'no network call after the activation');

    w.clock.advance(DAY);
    assert.equal((await core.service.getStatus()).status.state, 'expired');
  });

  test('renewal: a new activation code, or one online activation, replaces the certificate and keeps the rest', async (t) => {
    const w = await world(t);
    const { key, id } = await w.order({ name: 'Air', activation_limit: 2, expiry: { value: 30, unit: 'days' }, mode: 'airgapped', plugins: ['sso'] });
    const core = w.open();
    const first = await core.service.activateOnline(key);
    const oldExpiry = first.status.certificate?.expiresAt as number;
    const renewedUntil = new Date(oldExpiry + 365 * DAY).toISOString();
    const { admin } = jsonClient(w.authority.url, w.authority.adminToken);
    assert.equal((await admin('POST', `/admin/licenses/${id}/expiry`, { expires_at: renewedUntil })).status, 200);

    const renewedCode = await activationCodeFor(w, { license_key: key, instance_id: first.instanceId });
    const renewed = await core.service.activateOffline(renewedCode);
    assert.equal(renewed.status.state, 'active');
    assert.equal(renewed.status.certificate?.expiresAt, Date.parse(renewedUntil));
    assert.deepEqual([renewed.activation?.mode, renewed.activation?.licenseKey], ['airgapped', first.activation?.licenseKey], 'the key is kept');
    assert.equal(renewed.serverLicense?.planName, 'Air');
    assert.deepEqual(core.service.events().map((e) => e.action).slice(-2), ['activate', 'activate_offline']);

    const online = await core.service.activateOnline(key);
    assert.deepEqual([online.status.state, online.status.certificate?.expiresAt], ['active', Date.parse(renewedUntil)]);
  });
});
