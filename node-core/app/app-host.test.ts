import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { CHANNELS, type EventMessage, type LicenseView } from '../../shared/ipc/contract.ts';
import { createDoor } from '../../shared/ipc/door.ts';
import { createAppHost, type AppHost } from './app-host.ts';
import { staticIdentifierSource } from '../fingerprint/identifier-source.ts';

/* The handler table over the real core and a real demo authority, called through the real door. */

let temp: string;
let authority: DemoAuthority;
let host: AppHost;
const pushed: EventMessage[] = [];

before(async () => {
  temp = mkdtempSync(join(tmpdir(), 'keyhole-app-host-'));
  authority = await startDemoAuthority({ dataDir: join(temp, 'authority') });
  host = createAppHost({
    product: authority.productConfig,
    dataDir: join(temp, 'app'),
    appVersion: '1.0.0',
    mode: 'demo',
    host: 'browser',
    identifierSource: staticIdentifierSource({ machineId: 'unit-machine', systemUuid: 'unit-uuid', diskSerial: 'unit-disk' }),
  });
  host.onEvent((message) => pushed.push(message));
});
after(async () => {
  host.close();
  await authority.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('app host', () => {
  test('the handler table implements exactly the contract channels', () => {
    assert.deepEqual(Object.keys(host.handlers).sort(), Object.keys(CHANNELS).sort());
  });

  test('app info comes from the product config', async () => {
    const result = await createDoor(host.handlers).call(CHANNELS.getAppInfo.channel, []);
    assert.ok(result.ok);
    const info = result.value as { productName: string; plugins: unknown[]; mode: string };
    assert.equal(info.productName, authority.productConfig.productName);
    assert.equal(info.plugins.length, authority.productConfig.plugins.length);
    assert.equal(info.mode, 'demo');
  });

  test('activate online through the door: the answer and the push carry the active license', async () => {
    const door = createDoor(host.handlers);
    const key = authority.keys.find((k) => k.name === 'online')!.key;
    const result = await door.call(CHANNELS.activateOnline.channel, [key.toLowerCase()]);
    assert.ok(result.ok, JSON.stringify(result));
    const view = result.value as LicenseView;
    assert.equal(view.status.state, 'active');
    assert.equal(view.server?.activationsUsed, 1);
    assert.ok(pushed.some((m) => m.event === 'licenseChanged' && m.payload.status.state === 'active'));
    assert.deepEqual(await door.call(CHANNELS.cancelActivation.channel, []), { ok: true, value: { cancelled: false } });
  });

  test('a server error answer crosses as a Result with the catalog code', async () => {
    const door = createDoor(host.handlers);
    const result = await door.call(CHANNELS.activateOnline.channel, [authority.keys.find((k) => k.name === 'expired')!.key]);
    assert.equal(!result.ok && result.error.code, 'LICENSE_EXPIRED');
  });
});
