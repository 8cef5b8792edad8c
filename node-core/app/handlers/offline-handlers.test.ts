import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateLicenseKey } from '../../../shared/format/license-key.ts';
import type { OfflineRequestInfo } from '../../../shared/ipc/channels/offline.ts';
import { CHANNELS, type EventMessage } from '../../../shared/ipc/contract.ts';
import { createDoor } from '../../../shared/ipc/door.ts';
import { READ_ONLY_CHANNELS, READ_ONLY_VERBS } from '../../../shared/ipc/read-only.ts';
import { OFFICE_PC } from '../../../tests/harness/core/machines.ts';
import { tempDir } from '../../../tests/harness/core/temp-dir.ts';
import { manualClock } from '../../clock.ts';
import { collectFingerprint } from '../../fingerprint/collect-fingerprint.ts';
import { staticIdentifierSource } from '../../fingerprint/identifier-source.ts';
import { licenseOverHost } from '../../library/license-api.ts';
import { createTestSigner } from '../../replay/scenario-signer.ts';
import { createAppHost } from '../app-host.ts';

/*
 * The pending request code encodes the full license key. Through the real door and the real core:
 * only the offline channel the activation screens call hands it out; everything a read-only window
 * may call or hear, and the vendor library's `license.state`, carries neither the code nor the key.
 */

const START = Date.UTC(2026, 4, 4, 8, 15);

describe('the pending request code stays with the activation screens', () => {
  test('getOfflineRequest answers it; no read-only verb, pushed view or library state carries the code or the key', async (t) => {
    const signer = createTestSigner();
    const clock = manualClock(START);
    const host = createAppHost({
      product: signer.product,
      dataDir: tempDir(t),
      appVersion: '1.0.0',
      mode: 'normal',
      host: 'browser',
      identifierSource: staticIdentifierSource(OFFICE_PC),
      clock,
      env: {},
      fetch: async () => {
        throw new Error('offline: no network here');
      },
    });
    const library = licenseOverHost(host);
    t.after(() => library.close());
    const pushed: EventMessage[] = [];
    host.onEvent((message) => pushed.push(message));
    const door = createDoor(host.handlers);
    await library.ready;

    const key = generateLicenseKey();
    const made = await door.call(CHANNELS.createRequestCode.channel, [key]);
    assert.ok(made.ok, JSON.stringify(made));
    const request = made.value as OfflineRequestInfo;
    assert.match(request.requestCode, /^KR-/);
    const pending = await door.call(CHANNELS.getOfflineRequest.channel, []);
    assert.deepEqual(pending, { ok: true, value: request }, 'the activation screens get the same code back');

    /** Fails when the text holds the request code or the key, in any presentation the user could paste. */
    const assertNoSecret = (what: string, value: unknown) => {
      const text = JSON.stringify(value);
      for (const secret of ['KR-', request.requestCode, key, key.replaceAll('-', '')]) assert.ok(!text.includes(secret), `${what} carries ${secret}`);
    };
    for (const verb of READ_ONLY_VERBS) assertNoSecret(verb, await door.call(CHANNELS[verb].channel, []));
    for (const verb of ['getOfflineRequest', 'createRequestCode', 'discardRequestCode'] as const) {
      assert.ok(!READ_ONLY_CHANNELS.has(CHANNELS[verb].channel), `${verb} is not for read-only windows`);
    }
    assertNoSecret('license.state', library.state);

    // An offline activation brought back (a change every window hears) ends the step.
    const { instanceId } = await library.ready;
    const { compact } = await collectFingerprint(staticIdentifierSource(OFFICE_PC), signer.product.productId);
    const certificate = signer.sign(signer.payload(instanceId, compact, clock.now(), { mode: 'offline', leaseUntil: null }));
    const activated = await door.call(CHANNELS.activateOffline.channel, [certificate]);
    assert.ok(activated.ok, JSON.stringify(activated));
    assert.equal(library.state?.status.state, 'active');
    assert.ok(pushed.some((message) => message.event === 'licenseChanged'), 'the change was pushed');
    assertNoSecret('pushed views', pushed);
    assertNoSecret('license.state', library.state);
    assert.deepEqual(await door.call(CHANNELS.getOfflineRequest.channel, []), { ok: true, value: null }, 'an accepted activation code ends the step');
  });
});
