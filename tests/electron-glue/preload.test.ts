import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANNELS, EVENTS } from '../../shared/ipc/contract.ts';
import { useElectronStandIn } from '../harness/electron/load.ts';

/*
 * electron/preload.ts (a module that acts when loaded) against the recording stand-in: it exposes
 * exactly `keyhole`, with exactly the contract's verbs, each going over ipcRenderer — which itself
 * never crosses the bridge.
 */

const electron = await useElectronStandIn();
await import('../../electron/preload.ts');
const { contextBridge, ipcRenderer } = electron;

const api = contextBridge.exposed.get('keyhole') as Record<string, (...args: unknown[]) => unknown>;
const eventVerbs = Object.keys(EVENTS).map((name) => `on${name[0]!.toUpperCase()}${name.slice(1)}`);

test('the preload exposes only `keyhole`, once', () => {
  assert.deepEqual([...contextBridge.exposed.keys()], ['keyhole']);
  assert.equal(electron.callNames().filter((name) => name === 'contextBridge.exposeInMainWorld').length, 1);
});

test('`keyhole` holds exactly the contract verbs and event subscriptions, all functions, and never ipcRenderer', () => {
  assert.deepEqual(Object.keys(api).sort(), [...Object.keys(CHANNELS), ...eventVerbs].sort());
  for (const [name, value] of Object.entries(api)) {
    assert.equal(typeof value, 'function', name);
    assert.notEqual(value as unknown, ipcRenderer);
  }
  assert.ok(Object.isFrozen(api), 'the renderer cannot add to the bridge');
});

test('each verb invokes its own contract channel with the arguments as given', async () => {
  for (const [verb, spec] of Object.entries(CHANNELS)) {
    electron.calls.length = 0;
    await api[verb]!('first', 2);
    assert.deepEqual(electron.calls, [{ name: 'ipcRenderer.invoke', args: [spec.channel, 'first', 2] }], verb);
  }
});

test('a subscription listens on the event channel, hands over only the payload, and unsubscribes', () => {
  const seen: unknown[] = [];
  const stop = api.onLicenseChanged!((payload: unknown) => seen.push(payload)) as () => void;
  const channel = EVENTS.licenseChanged.channel;
  assert.equal(ipcRenderer.listenerCount(channel), 1);
  ipcRenderer.emit(channel, { sender: 'the IPC event, which must not reach the page' }, { state: 'active' });
  assert.deepEqual(seen, [{ state: 'active' }]);
  stop();
  assert.equal(ipcRenderer.listenerCount(channel), 0);
});
