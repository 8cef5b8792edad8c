import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { toLicenseView } from '../../node-core/app/license-view.ts';
import { createReplayHost } from '../../node-core/replay/replay-host.ts';
import { officePcCore } from '../harness/authority/office-pc-core.ts';
import { makeTempDir, PLAN, startTestAuthority, type TestAuthority } from '../harness/authority/test-authority.ts';
import type { LicenseView } from '../../shared/ipc/contract.ts';
import { checkBundle, sealBundle, type SupportBundle } from '../../shared/support/bundle.ts';
import type { ProductConfig } from '../../shared/product/config.ts';

/*
 * Replay is the customer's screen: a core activated against a real authority saves its bundle, and
 * the replay host's license view shows the same server facts ("1/5" activations, the plan) the
 * customer's status view showed. A format 1 bundle, which never recorded them, shows "—" as before.
 */

describe('replay shows the server facts the customer saw', () => {
  let authority: TestAuthority;
  const root = makeTempDir('keyhole-replay-screen-');
  let product: ProductConfig;
  let bundle: SupportBundle;
  let customerView: LicenseView;

  before(async () => {
    authority = await startTestAuthority();
    const { key } = await authority.order(PLAN);
    let core;
    ({ core, product } = await officePcCore(authority, root));
    const activated = await core.service.activateOnline(key);
    assert.equal(activated.status.state, 'active');
    customerView = toLicenseView(await core.service.getStatus());
    const check = await checkBundle(JSON.parse(JSON.stringify(await core.support.buildBundle())));
    assert.ok(check.ok, check.ok ? '' : check.problem);
    bundle = check.bundle;
  });
  after(async () => {
    await authority.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('a bundle from a real activation replays with "1/5" activations and the server plan', async () => {
    assert.deepEqual([customerView.server?.activationsUsed, customerView.server?.activationLimit], [1, 5], 'what the customer saw');
    const host = await createReplayHost({ bundle, product, host: 'browser' });
    const replayed = await host.handlers.getLicense();
    assert.deepEqual(replayed.server, customerView.server);
    assert.equal(replayed.server?.planName, PLAN.name);
    assert.equal(host.info.replay?.differs, null);
  });

  test('a format 1 bundle (saved before the server facts were recorded) still replays, with "—"', async () => {
    const { seal: _seal, trustedKeys: _keys, seen, ...rest } = bundle;
    const { server: _server, ...seenV1 } = seen;
    const v1 = await checkBundle(JSON.parse(JSON.stringify(await sealBundle({ ...rest, bundleFormatVersion: 1, seen: seenV1 }))));
    assert.ok(v1.ok, v1.ok ? '' : v1.problem);
    const host = await createReplayHost({ bundle: v1.bundle, product, host: 'browser' });
    const replayed = await host.handlers.getLicense();
    assert.equal(replayed.status.state, 'active');
    assert.deepEqual([replayed.server?.activationsUsed, replayed.server?.activationLimit], [null, null]);
  });
});
