import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ERROR_CODES } from '../../shared/errors/catalog.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { checkBundle } from '../../shared/support/bundle.ts';
import { demoProduct } from './scenario-signer.ts';
import { ReplayError } from './read-bundle.ts';
import { createReplayHost, READ_ONLY_HINT } from './replay-host.ts';
import { scenarioBundle } from './scenario-bundle.ts';
import { SCENARIOS } from './scenarios.ts';

/* The read-only host over generated bundles: every catalog code reaches its screen, nothing changes. */

describe('replay host', () => {
  test('every scenario re-evaluates to what its bundle says the customer saw, showing its code', async () => {
    for (const code of ERROR_CODES) {
      const { bundle, product } = await scenarioBundle(code, demoProduct());
      const host = await createReplayHost({ bundle, product, host: 'browser', scenario: code });
      const view = await host.handlers.getLicense();
      const shown = SCENARIOS[code].action ? host.info.replay?.actionError?.error.code : view.status.code;
      assert.equal(shown, code, code);
      assert.deepEqual([view.status.state, view.status.code], [bundle.seen.state, bundle.seen.code], code);
      assert.equal(host.info.replay?.differs, null, code);
      assert.equal(host.info.readOnly, true);
    }
  });

  test('every change verb answers UNAUTHORIZED "replay is read-only"; reads and support verbs answer', async () => {
    const { bundle, product } = await scenarioBundle('LICENSE_MISMATCH', demoProduct());
    const { handlers } = await createReplayHost({ bundle, product, host: 'browser' });
    const refused = (call: () => unknown) => assert.rejects(async () => call(), (error: unknown) => error instanceof KeyholeError && error.code === 'UNAUTHORIZED' && error.hint === READ_ONLY_HINT);
    await refused(() => handlers.activateOnline('KH-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA'));
    await refused(() => handlers.validateNow());
    await refused(() => handlers.deactivate());
    await refused(() => handlers.activateOffline('KA-1'));
    await refused(() => handlers.deactivateOffline());
    assert.deepEqual(await handlers.cancelActivation(), { cancelled: false });
    const preview = await handlers.previewSupportBundle();
    const check = await checkBundle(JSON.parse(preview.text));
    assert.ok(check.ok && check.bundle.seal === bundle.seal, 'the customer bundle is handed on unchanged');
    assert.ok(preview.preview.some((line) => line.includes('LICENSE_MISMATCH')));
    assert.deepEqual((await handlers.saveSupportBundle()).download?.fileName, preview.fileName);
    await assert.rejects(async () => handlers.openLogsFolder(), KeyholeError);
  });

  test('with keys that do not verify the certificate, the banner says the replay differs; another product is refused', async () => {
    const { bundle, product } = await scenarioBundle('GRACE_PERIOD', demoProduct());
    const other = await scenarioBundle('GRACE_PERIOD', demoProduct());
    const host = await createReplayHost({ bundle, product: other.product, keysFrom: 'the wrong keys', host: 'browser' });
    assert.match(host.info.replay?.differs ?? '', /Re-evaluated here as LICENSE_INVALID \(invalid\); the customer saw GRACE_PERIOD \(grace\)\. The certificate does not verify with the wrong keys/);
    await assert.rejects(createReplayHost({ bundle, product: { ...product, productId: 'another-app' }, host: 'browser' }), ReplayError);
  });
});
