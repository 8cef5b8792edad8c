import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLicenseCore } from '../create-license-core.ts';
import { collectFingerprint } from '../fingerprint/collect-fingerprint.ts';
import { staticIdentifierSource } from '../fingerprint/identifier-source.ts';
import { closedPort } from '../../tests/harness/core/loopback.ts';
import { OFFICE_PC } from '../../tests/harness/core/machines.ts';
import { tempDir } from '../../tests/harness/core/temp-dir.ts';
import { createTestSigner } from '../replay/scenario-signer.ts';
import { revalidationIntervals, startRevalidation } from './revalidation.ts';
import type { LicenseSnapshot } from './snapshot.ts';

test('an online activation is re-validated at start and retried while unreachable, in grace', async (t) => {
  const signer = createTestSigner();
  const core = createLicenseCore({
    dataDir: tempDir(t),
    product: signer.product,
    appVersion: '1.0.0',
    identifierSource: staticIdentifierSource(OFFICE_PC),
    authorityUrl: `http://127.0.0.1:${await closedPort()}`,
    env: {},
  });
  const { instanceId } = await core.service.getStatus();
  const compact = (await collectFingerprint(staticIdentifierSource(OFFICE_PC), signer.product.productId)).compact;
  const certificate = signer.sign(signer.payload(instanceId, compact, Date.now()));
  core.store.update((s) => ({ ...s, activation: { certificate, licenseKey: 'KH-00000-00000-00000-00000-00000', mode: 'online', activatedAt: Date.now() } }));

  const seen: LicenseSnapshot[] = [];
  let enough: () => void = () => {};
  const done = new Promise<void>((resolve) => (enough = resolve));
  const revalidation = startRevalidation(core.service, {
    ...revalidationIntervals(signer.product, { KEYHOLE_REVALIDATE_RETRY_MS: '10' }),
    onStatus: (snapshot) => {
      seen.push(snapshot);
      if (seen.length === 3) enough();
    },
  });
  t.after(() => revalidation.stop());
  const keepAlive = setInterval(() => {}, 1000); // the scheduler's timers are unref'd, as in the app
  await done.finally(() => clearInterval(keepAlive));
  revalidation.stop();
  assert.ok(seen.every((snapshot) => snapshot.status.state === 'grace'));
  assert.equal(core.service.events().filter((event) => event.action === 'validate' && event.outcome === 'unreachable').length >= 3, true);
});

test('the retry interval defaults to five minutes and the period follows the product', () => {
  const product = createTestSigner().product;
  assert.deepEqual(revalidationIntervals(product, {}), { everyMs: product.revalidateEveryHours * 3_600_000, retryMs: 300_000 });
});
