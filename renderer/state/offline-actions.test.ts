import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { createKeyholeApi } from '../../shared/ipc/bridge.ts';
import type { OfflineRequestInfo } from '../../shared/ipc/channels/offline.ts';
import { CHANNELS, type AppInfo, type LicenseView, type Result } from '../../shared/ipc/contract.ts';
import { createOfflineActions } from './offline-actions.ts';
import { createAppStore } from './store.ts';

/*
 * The activation screens' copy of main's pending request code (it is not in the license view): asked
 * for again after a change, and an answer to an older ask never overwrites a newer code.
 */

const view = { status: { state: 'not_activated', plugins: [], featuresEnabled: false, certificate: null }, instanceId: 'ABCD-EFGH-JKMN-PQ7Z' } as unknown as LicenseView;
const info = { productName: 'Studio', plugins: [], readOnly: false } as unknown as AppInfo;
const request = (code: string): OfflineRequestInfo => ({ requestCode: code, instanceId: view.instanceId, manualActivationUrl: 'https://vendor.example/activate', qrSvg: '<svg/>', supportContact: { email: 'help@vendor.example', url: null } });

/** Offline actions over a fake main whose getOfflineRequest answers only when the test says so. */
function setup(pending: OfflineRequestInfo | null) {
  const asks: ((value: OfflineRequestInfo | null) => void)[] = [];
  const answers: Record<string, () => Promise<Result<unknown>>> = {
    [CHANNELS.getOfflineRequest.channel]: () => new Promise((done) => asks.push((value) => done({ ok: true, value }))),
    [CHANNELS.createRequestCode.channel]: async () => ({ ok: true, value: request('KR-NEW') }),
    [CHANNELS.discardRequestCode.channel]: async () => ({ ok: true, value: view }),
  };
  const api = createKeyholeApi({ invoke: (channel) => answers[channel]?.() ?? assert.fail(channel), subscribe: () => () => {} });
  const store = createAppStore(info, view, pending);
  const noop = () => {};
  const actions = createOfflineActions({ store, api, showLicense: noop, fail: (_, error) => assert.fail(error.code), announce: noop, focus: noop });
  return { store, actions, asks };
}

test('the pending request is asked for again; the answer replaces the copy, a discard clears it', async () => {
  const { store, actions, asks } = setup(request('KR-OLD'));
  actions.start();
  assert.equal(store.getState().offline.step, 'request', 'a pending request opens the flow at step 2');
  const refreshed = actions.refreshRequest();
  asks.shift()!(request('KR-OTHER-WINDOW'));
  await refreshed;
  assert.equal(store.getState().offlineRequest?.requestCode, 'KR-OTHER-WINDOW');
  await actions.startOver();
  assert.equal(store.getState().offlineRequest, null);
  assert.equal(store.getState().offline.step, 'key');
});

test('an answer to an ask made before a new request code is dropped: the new code stays on screen', async () => {
  const { store, actions, asks } = setup(null);
  actions.start();
  const stale = actions.refreshRequest();
  actions.setKey(generateLicenseKey());
  await actions.requestCode();
  assert.equal(store.getState().offlineRequest?.requestCode, 'KR-NEW');
  asks.shift()!(null);
  await stale;
  assert.equal(store.getState().offlineRequest?.requestCode, 'KR-NEW', 'the older answer (no request yet) does not hide the new code');
});
