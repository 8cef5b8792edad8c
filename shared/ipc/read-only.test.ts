import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createKeyholeApi } from './bridge.ts';
import { OFFLINE_CHANNELS } from './channels/offline.ts';
import { CHANNELS } from './contract.ts';
import { READ_ONLY_CHANNELS, readOnlyApi } from './read-only.ts';

/* What a vendor's own window (keyhole/preload, a browser host's product page) may call. */

test('a read-only window gets the license, the product facts and the change subscription, and no way to a request code', async () => {
  const called: string[] = [];
  const full = createKeyholeApi({
    invoke: async (channel) => {
      called.push(channel);
      return { ok: true, value: null };
    },
    subscribe: () => () => {},
  });
  const api = readOnlyApi(full);
  assert.deepEqual(Object.keys(api).sort(), ['getAppInfo', 'getLicense', 'onLicenseChanged']);
  assert.ok(Object.isFrozen(api));
  assert.equal('getOfflineRequest' in api, false);
  await api.getLicense();
  assert.deepEqual(called, [CHANNELS.getLicense.channel], 'the verbs are the full client\'s own');
});

test('main lets read-only windows reach no offline channel: a request code encodes the license key', () => {
  for (const [verb, spec] of Object.entries(OFFLINE_CHANNELS)) assert.equal(READ_ONLY_CHANNELS.has(spec.channel), false, verb);
  assert.deepEqual([...READ_ONLY_CHANNELS].sort(), [CHANNELS.getAppInfo.channel, CHANNELS.getLicense.channel].sort());
});
