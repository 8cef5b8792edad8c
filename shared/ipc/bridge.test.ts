import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createKeyholeApi } from './bridge.ts';
import { CHANNELS, EVENTS } from './contract.ts';

test('the bridge exposes exactly one verb per channel and one onX per event, nothing else', async () => {
  const calls: [string, readonly unknown[]][] = [];
  const subscribed: string[] = [];
  const api = createKeyholeApi({
    invoke: async (channel, args) => {
      calls.push([channel, args]);
      return { ok: true, value: null };
    },
    subscribe: (channel) => {
      subscribed.push(channel);
      return () => {};
    },
  });
  assert.deepEqual(Object.keys(api).sort(), [...Object.keys(CHANNELS), 'onLicenseChanged', 'onLinkOpened'].sort());
  assert.ok(Object.isFrozen(api));
  await api.activateOnline('KH-1');
  assert.deepEqual(calls, [[CHANNELS.activateOnline.channel, ['KH-1']]]);
  const unsubscribe = api.onLicenseChanged(() => {});
  assert.equal(typeof unsubscribe, 'function');
  assert.deepEqual(subscribed, [EVENTS.licenseChanged.channel]);
});

test('channel names are unique and namespaced', () => {
  const names = [...Object.values(CHANNELS), ...Object.values(EVENTS)].map((spec) => spec.channel);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^keyhole:[a-z-]+:[a-z-]+$/);
});
