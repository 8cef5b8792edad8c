import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import bundledProduct from '../../build/product.json' with { type: 'json' };
import { CHANNELS, EVENTS } from '../../shared/ipc/contract.ts';
import { useElectronStandIn } from '../harness/electron/load.ts';
import { prepareUnpackagedRun, until } from '../harness/electron/unpackaged-run.ts';

/*
 * The real electron/main.ts, license host and electron-store included, against the recording
 * stand-in: what it sets up before the app is ready, the order after, and a first call through the
 * real IPC door. It runs as an unpackaged app (`npm start`) would: the store goes to the data
 * folder named in the environment, the machine's identifiers come from a file.
 */

const electron = await useElectronStandIn();
const { app, BrowserWindow, ipcMain } = electron;
const { dataDir, userDataDir } = prepareUnpackagedRun(app);
await import('../../electron/main.ts');
const beforeReady = electron.callNames();

function at(name: string, arg?: unknown): number {
  const index = electron.calls.findIndex((call) => call.name === name && (arg === undefined || call.args[0] === arg));
  assert.ok(index >= 0, `${name}${arg === undefined ? '' : ` ${String(arg)}`} was never called`);
  return index;
}

test('before ready, main enables the sandbox, installs the navigation lock and takes the single-instance lock', () => {
  for (const name of ['app.enableSandbox', 'app.requestSingleInstanceLock']) assert.ok(beforeReady.includes(name), name);
  assert.ok(app.listenerCount('web-contents-created') === 1, 'security listens for new web contents');
  assert.ok(app.listenerCount('second-instance') === 2 && app.listenerCount('window-all-closed') === 1, 'lifecycle and deep links listen');
  assert.ok(app.listenerCount('open-url') === 1, 'a macOS open-url before ready is not lost');
  assert.ok(!beforeReady.includes('ipcMain.handle') && !beforeReady.includes('new BrowserWindow'), 'nothing else before ready');
});

test('once ready, main registers every IPC channel before it creates the window', async () => {
  app.becomeReady();
  await until('the window', () => BrowserWindow.getAllWindows().length === 1);
  const ready = at('(ready)');
  const handles = electron.calls.flatMap((call, index) => (call.name === 'ipcMain.handle' ? [index] : []));
  assert.deepEqual([...ipcMain.handlers.keys()].sort(), Object.values(CHANNELS).map((spec) => spec.channel).sort());
  assert.ok(handles.every((index) => index > ready), 'no channel before ready');
  assert.ok(Math.max(...handles) < at('new BrowserWindow'), 'every channel before the window');
  assert.ok(at('new BrowserWindow') < at('window.loadFile'));
  assert.ok(at('session.setPermissionRequestHandler') > ready && at('webRequest.onBeforeRequest') > ready);
});

test('the window main frame reaches the real handlers: app info and the license status', async () => {
  await until('the window', () => BrowserWindow.getAllWindows().length === 1);
  const [window] = BrowserWindow.getAllWindows();
  const contents = window!.webContents;
  // What Electron's frame shows once loadFile has loaded the page.
  contents.mainFrame.url = pathToFileURL(electron.calls[at('window.loadFile')]!.args[0] as string).href;
  const call = (channel: string) => ipcMain.handlers.get(channel)!({ sender: contents, senderFrame: contents.mainFrame });

  const info = (await call(CHANNELS.getAppInfo.channel)) as { ok: true; value: Record<string, unknown> };
  assert.equal(info.ok, true);
  assert.equal(info.value.productName, bundledProduct.productName);
  assert.equal(info.value.host, 'electron');
  assert.equal(info.value.appVersion, app.version);
  assert.equal(window!.options.title, bundledProduct.productName);

  const license = (await call(CHANNELS.getLicense.channel)) as { ok: true; value: { status: { state: string }; storeBackend: string } };
  assert.equal(license.ok, true, JSON.stringify(license));
  assert.equal(license.value.status.state, 'not_activated');
  assert.ok(existsSync(dataDir) && readdirSync(dataDir).length > 0, 'the store lives in the data folder from the environment');
  assert.ok(!existsSync(join(userDataDir, 'license')), 'not in the user-data folder');

  await until('the first status push', () => electron.calls.some((c) => c.name === 'webContents.send' && c.args[0] === EVENTS.licenseChanged.channel));
});
