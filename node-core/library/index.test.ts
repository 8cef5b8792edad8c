import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { activationCodeIn, postForm } from '../../tests/harness/http/manual-page-forms.ts';
import { jsonClient } from '../../tests/harness/authority/test-authority.ts';
import { OFFICE_PC, OTHER_PC } from '../../tests/harness/core/machines.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { staticIdentifierSource, type IdentifierSource, type RawIdentifiers } from '../fingerprint/identifier-source.ts';
import { createLicense, KeyholeError, type License, type LicenseView } from './index.ts';

/* The plain-Node library against the real demo authority, with real store files in temp dirs. */

async function world(t: TestContext) {
  const authority: DemoAuthority = await startDemoAuthority();
  t.after(() => authority.close());
  const key = (name: string) => authority.keys.find((k) => k.name === name)?.key ?? assert.fail(`demo key ${name}`);
  const open = (dataDir = tempDir(t), identifierSource: IdentifierSource = staticIdentifierSource(OFFICE_PC)): License => {
    const license = createLicense({ product: authority.productConfig, dataDir, appVersion: '1.0.0', identifierSource, env: {}, timeoutMs: 2000 });
    t.after(() => license.close());
    return license;
  };
  return { authority, key, open };
}

/** A machine whose hardware answers only when `answer()` is called (a slow systeminformation). */
function slowMachine(values: RawIdentifiers) {
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const source: IdentifierSource = {
    kind: 'slow',
    async collect() {
      await answered;
      return staticIdentifierSource(values).collect();
    },
  };
  return { source, answer };
}

/** Whichever comes first: the promise, or `false` after `ms` (bounded waits only). */
function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | false> {
  return Promise.race([promise, new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
}

describe('keyhole/node start-up decides from what is stored', () => {
  async function activatedStore(t: TestContext) {
    const world_ = await world(t);
    const dataDir = tempDir(t);
    const first = world_.open(dataDir);
    await first.ready;
    await first.activate(world_.key('online'));
    first.close();
    return { ...world_, dataDir };
  }

  test('ready settles with the stored activation before the hardware answers', async (t) => {
    const { open, dataDir } = await activatedStore(t);
    const slow = slowMachine(OFFICE_PC);
    const license = open(dataDir, slow.source);
    const view = await settlesWithin(license.ready, 5000);
    assert.ok(view, 'ready waited for the hardware');
    assert.equal(view.status.state, 'active');
    assert.equal(license.has('reports'), true);
    slow.answer();
  });

  test('a changed machine still ends in the mismatch state once the background read answers', async (t) => {
    const { open, dataDir } = await activatedStore(t);
    const slow = slowMachine(OTHER_PC);
    const license = open(dataDir, slow.source);
    const first = await settlesWithin(license.ready, 5000);
    assert.ok(first, 'ready waited for the hardware');
    assert.equal(first.status.state, 'active', 'the first state is the stored one');
    const mismatch = new Promise<LicenseView>((resolve) => license.onChange((view) => view.status.code === 'LICENSE_MISMATCH' && resolve(view)));
    slow.answer();
    const view = await settlesWithin(mismatch, 10_000);
    assert.ok(view, 'the changed hardware was never acted on');
    assert.equal(view.status.featuresEnabled, false);
    assert.equal(license.has('reports'), false);
    assert.equal(license.state?.status.code, 'LICENSE_MISMATCH');
  });
});

describe('keyhole/node createLicense', () => {
  test('ready settles with the first evaluation: a fresh install runs with features off', async (t) => {
    const { open } = await world(t);
    const license = open();
    const stateNow = () => license.state;
    assert.equal(stateNow(), null, 'nothing is decided before the first evaluation');
    const view = await license.ready;
    assert.equal(view.status.state, 'not_activated');
    assert.equal(stateNow()?.status.state, 'not_activated');
    assert.equal(license.has('reports'), false);
    assert.match(view.instanceId, /\S/);
  });

  test('activate turns on exactly the licensed plugins, tells onChange, and survives a restart', async (t) => {
    const { open, key } = await world(t);
    const dataDir = tempDir(t);
    const license = open(dataDir);
    await license.ready;
    const heard: LicenseView[] = [];
    const stop = license.onChange((view) => heard.push(view));
    const view = await license.activate(key('few-plugins'));
    assert.equal(view.status.state, 'active');
    assert.deepEqual([license.has('reports'), license.has('sync')], [true, false]);
    assert.equal(heard.length, 1, 'one change heard once, though both the answer and the push carry it');
    assert.equal(heard[0]?.status.state, 'active');
    stop();
    license.close();
    const again = open(dataDir);
    assert.equal((await again.ready).status.state, 'active');
    assert.equal(again.has('reports'), true);
  });

  test('a refused or mistyped key rejects with the catalog code and keeps the current license', async (t) => {
    const { open, key } = await world(t);
    const license = open();
    await license.ready;
    await license.activate(key('online'));
    await assert.rejects(license.activate(key('expired')), (error: unknown) => error instanceof KeyholeError && error.code === 'LICENSE_EXPIRED');
    await assert.rejects(license.activate('KH-12345'), (error: unknown) => error instanceof KeyholeError && error.code === 'LICENSE_FORMAT_INVALID');
    assert.equal(license.state?.status.state, 'active');
    assert.equal(license.has('reports'), true);
  });

  test('the vendor revokes: features go off after the next validation, explained by its code', async (t) => {
    const { open, key, authority } = await world(t);
    const license = open();
    await license.ready;
    await license.activate(key('online'));
    const { admin } = jsonClient(authority.url, authority.adminToken);
    const ref = encodeURIComponent(key('online'));
    const [activation] = (await admin('GET', `/admin/licenses/${ref}/activations`)).body.activations;
    const revoked = await admin('POST', `/admin/licenses/${ref}/activations/${activation.id}/revoke`);
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    const { license: view } = await license.validateNow();
    assert.equal(view.status.featuresEnabled, false);
    assert.equal(license.has('reports'), false);
    assert.deepEqual([view.status.state, view.status.code], ['revoked', 'ACTIVATION_REVOKED']);
  });

  test('offline: request code, activation code from the manual page, then deactivate offline', async (t) => {
    const { open, key, authority } = await world(t);
    const license = open();
    await license.ready;
    const request = await license.requestCode(key('offline-only'));
    assert.equal(request.instanceId, license.state?.instanceId);
    const page = await postForm(authority.url, '/activate', { request_code: request.requestCode });
    const code = activationCodeIn(page.html) ?? assert.fail('no activation code on the page');
    const view = await license.importActivationCode(code);
    assert.equal(view.status.state, 'active');
    assert.equal(license.has('reports'), true);
    await assert.rejects(license.importActivationCode('KA-nonsense'), (error: unknown) => error instanceof KeyholeError && error.code === 'ACTIVATION_CODE_FORMAT_INVALID');
    const { license: after, deactivation } = await license.deactivateOffline();
    assert.equal(after.status.state, 'not_activated');
    assert.match(deactivation.code, /^KD-/);
  });
});
