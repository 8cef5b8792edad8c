import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeyholeError } from '../errors/keyhole-error.ts';
import { CHANNELS, type HandlerTable, type LicenseView } from './contract.ts';
import { createDoor } from './door.ts';

const view = { instanceId: 'X' } as unknown as LicenseView;
const handlers: HandlerTable = {
  getAppInfo: () => {
    throw new Error('secret internals at /home/me/app.ts:12');
  },
  getLicense: () => view,
  activateOnline: (key) => {
    throw new KeyholeError('LICENSE_FORMAT_INVALID', `looks truncated: ${key.length} of 25 characters`);
  },
  cancelActivation: () => ({ cancelled: false }),
  validateNow: () => ({ license: view, problem: null }),
  deactivate: () => view,
  takeLinkedKey: () => ({ key: null }),
  // Offline verbs: not exercised here, present so the table is complete.
  createRequestCode: () => ({ requestCode: 'KR-', instanceId: 'X', manualActivationUrl: '', qrSvg: '', supportContact: { email: '', url: null } }),
  getOfflineRequest: () => null,
  discardRequestCode: () => view,
  activateOffline: () => view,
  deactivateOffline: () => ({ license: view, deactivation: { code: 'KD-', manualUrl: '', qrSvg: '' } }),
  pendingDeactivation: () => null,
  dismissDeactivationCode: () => ({ dismissed: true }),
  // Slot recovery verbs, likewise.
  listSlots: () => ({ activationLimit: 1, activationsUsed: 1, slots: [] }),
  freeSlot: () => ({ activationLimit: 1, activationsUsed: 0, slots: [], freed: { name: null } }),
  // Support verbs, likewise.
  previewSupportBundle: () => ({ text: '{}', preview: [], fileName: 'x.json' }),
  saveSupportBundle: () => ({ saved: false, path: null, download: null }),
  openLogsFolder: () => ({ opened: false, folder: '/tmp' }),
  openVendorPage: () => ({ opened: false, address: 'mailto:x' }),
  startTrial: () => view,
};

describe('the IPC door', () => {
  const logged: string[] = [];
  const door = createDoor(handlers, (message) => logged.push(message));

  test('a known channel with valid arguments reaches its handler', async () => {
    assert.deepEqual(await door.call(CHANNELS.getLicense.channel, []), { ok: true, value: view });
  });

  test('an unknown channel is refused', async () => {
    const result = await door.call('keyhole:fs:read', ['/etc/passwd']);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'REQUEST_INVALID');
  });

  test('arguments that do not match the schema are refused before the handler runs', async () => {
    for (const args of [[42], [], ['a', 'b'], 'KH-1', null, [{ key: 'x' }], ['x'.repeat(3000)]]) {
      const result = await door.call(CHANNELS.activateOnline.channel, args);
      assert.equal(!result.ok && result.error.code, 'REQUEST_INVALID', JSON.stringify(args).slice(0, 40));
    }
    const extra = await door.call(CHANNELS.getLicense.channel, ['unexpected']);
    assert.equal(!extra.ok && extra.error.code, 'REQUEST_INVALID');
  });

  test('a KeyholeError crosses as its catalog code and hint', async () => {
    const result = await door.call(CHANNELS.activateOnline.channel, ['KH-12']);
    assert.deepEqual(result, {
      ok: false,
      error: { code: 'LICENSE_FORMAT_INVALID', message: 'Invalid license key format', hint: 'looks truncated: 5 of 25 characters' },
    });
  });

  test('any other error becomes a generic error: no message, no stack to the renderer', async () => {
    const result = await door.call(CHANNELS.getAppInfo.channel, []);
    assert.equal(!result.ok && result.error.code, 'INTERNAL_ERROR');
    assert.ok(!JSON.stringify(result).includes('secret internals'));
    assert.ok(logged.some((line) => line.includes('unexpected error')));
  });
});
