import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startDemoAuthority, type DemoAuthority } from '../../server/demo/start-demo-authority.ts';
import { CHANNELS, EVENTS, type LicenseView } from '../../shared/ipc/contract.ts';
import { staticIdentifierSource } from '../../node-core/fingerprint/identifier-source.ts';
import { OFFICE_PC } from '../harness/core/machines.ts';
import { makeTempDir } from '../harness/authority/test-authority.ts';
import { useElectronStandIn } from '../harness/electron/load.ts';
import { standInEvent, type BrowserWindow, type WebContentsStandIn } from '../harness/electron/stand-in.ts';

/*
 * keyhole/electron and keyhole/preload against the recording stand-in, with the real core, a real
 * electron-store file and the real demo authority: the host app's pages read through the same door
 * and are refused every verb that changes the license.
 */

const electron = await useElectronStandIn();
const { createElectronLicense } = await import('../../electron/library/create-electron-license.ts');
const { exposeLicense } = await import('../../electron/library/preload.ts');
const { RENDERER_URL } = await import('../../electron/window.ts');

const HOST_PAGE = 'file:///opt/studio/resources/app/studio.html';
let authority: DemoAuthority;

before(async () => {
  authority = await startDemoAuthority();
});
after(() => authority.close());
beforeEach(() => electron.resetStandIn());

function open() {
  electron.app.paths.userData = makeTempDir('keyhole-electron-lib-');
  electron.app.version = '3.2.1';
  return createElectronLicense({
    product: authority.productConfig,
    identifierSource: staticIdentifierSource(OFFICE_PC),
    env: {},
    hostPages: (url) => url.startsWith('file:///opt/studio/'),
  });
}

function windowShowing(url: string): BrowserWindow {
  const window = new electron.BrowserWindow({});
  window.webContents.mainFrame.url = url;
  return window;
}

function invoke(channel: string, sender: WebContentsStandIn, ...args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const handler = electron.ipcMain.handlers.get(channel) ?? assert.fail(`no handler for ${channel}`);
  return handler({ sender, senderFrame: sender.mainFrame, processId: 1, frameId: 1 }, ...args) as never;
}

const key = (name: string) => authority.keys.find((k) => k.name === name)?.key ?? assert.fail(name);

describe('keyhole/electron createElectronLicense', () => {
  test('the same License API: ready, activate, has; the store lives under userData', async (t) => {
    const license = open();
    t.after(() => license.close());
    assert.equal((await license.ready).status.state, 'not_activated');
    assert.equal(license.info.appVersion, '3.2.1', 'appVersion defaults to app.getVersion()');
    await license.activate(key('few-plugins'));
    assert.deepEqual([license.has('reports'), license.has('sync')], [true, false]);
    assert.ok(existsSync(join(electron.app.paths.userData!, 'license', 'license.json')), 'the store is under userData/license');
  });

  test('a host page reads the license through the door but is refused every verb that acts', async (t) => {
    const license = open();
    t.after(() => license.close());
    await license.ready;
    const page = windowShowing(HOST_PAGE).webContents;
    const read = await invoke(CHANNELS.getLicense.channel, page);
    assert.equal(read.ok, true);
    assert.equal((read.value as LicenseView).status.state, 'not_activated');
    assert.equal((await invoke(CHANNELS.getAppInfo.channel, page)).ok, true);
    for (const verb of ['activateOnline', 'deactivate', 'createRequestCode', 'activateOffline', 'validateNow'] as const) {
      const answer = await invoke(CHANNELS[verb].channel, page, key('online'));
      assert.equal(answer.error?.code, 'UNAUTHORIZED', verb);
    }
    const stranger = windowShowing('https://example.com/').webContents;
    assert.equal((await invoke(CHANNELS.getLicense.channel, stranger)).error?.code, 'UNAUTHORIZED', 'a page the host did not name');
    assert.equal(license.state?.status.state, 'not_activated', 'nothing changed');
  });

  test('a request code made in the activation window (it encodes the key) is refused to a host page, and its license view carries neither', async (t) => {
    const license = open();
    t.after(() => license.close());
    await license.ready;
    const screens = (license.openActivationWindow() as unknown as BrowserWindow).webContents;
    screens.mainFrame.url = RENDERER_URL;
    const made = await invoke(CHANNELS.createRequestCode.channel, screens, key('online'));
    const requestCode = (made.value as { requestCode: string } | undefined)?.requestCode ?? assert.fail(JSON.stringify(made));
    assert.equal(((await invoke(CHANNELS.getOfflineRequest.channel, screens)).value as { requestCode: string }).requestCode, requestCode, 'the screens get it back');

    const page = windowShowing(HOST_PAGE).webContents;
    assert.equal((await invoke(CHANNELS.getOfflineRequest.channel, page)).error?.code, 'UNAUTHORIZED');
    const view = JSON.stringify(await invoke(CHANNELS.getLicense.channel, page));
    for (const secret of ['KR-', requestCode, key('online')]) assert.ok(!view.includes(secret), `the host page's view carries ${secret}`);
  });

  test('openActivationWindow: one sandboxed window with the screens, focused again when asked twice', async (t) => {
    const license = open();
    t.after(() => license.close());
    const first = license.openActivationWindow() as unknown as BrowserWindow;
    const prefs = first.options.webPreferences as Record<string, unknown>;
    assert.deepEqual([prefs.sandbox, prefs.contextIsolation, prefs.nodeIntegration], [true, true, false]);
    assert.ok(electron.callNames().includes('window.loadFile'));
    // The activation window cannot navigate away or open windows, though the host app's stay its own.
    const contents = first.webContents;
    const navigation = standInEvent();
    contents.emit('will-navigate', navigation, 'https://example.com/');
    assert.equal(navigation.defaultPrevented, true);
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://example.com/' }), { action: 'deny' });
    assert.equal(electron.app.listenerCount('web-contents-created'), 0, 'no app-wide lock on the host app');
    assert.equal(license.openActivationWindow() as unknown, first);
    assert.ok(electron.callNames().includes('window.focus'));
    // The screens' own page acts through the full door.
    first.webContents.mainFrame.url = RENDERER_URL;
    const activated = await invoke(CHANNELS.activateOnline.channel, first.webContents, key('online'));
    assert.equal(activated.ok, true, JSON.stringify(activated));
    assert.equal(license.has('reports'), true);
  });

  test('changes are pushed to the activation window and the host pages, not to other windows', async (t) => {
    const license = open();
    t.after(() => license.close());
    await license.ready;
    const screens = license.openActivationWindow() as unknown as BrowserWindow;
    const page = windowShowing(HOST_PAGE);
    const other = windowShowing('https://example.com/');
    const heard: string[] = [];
    for (const [name, window] of [['screens', screens], ['host page', page], ['other', other]] as const) {
      window.webContents.send = (channel: string) => void heard.push(`${name} ${channel}`);
    }
    await license.activate(key('online'));
    assert.deepEqual(heard.sort(), [`host page ${EVENTS.licenseChanged.channel}`, `screens ${EVENTS.licenseChanged.channel}`]);
  });
});

describe('keyhole/preload exposeLicense', () => {
  test('exposes only the read-only verbs and the change subscription, frozen', () => {
    exposeLicense();
    const api = electron.contextBridge.exposed.get('license') as Record<string, unknown>;
    assert.deepEqual(Object.keys(api).sort(), ['getAppInfo', 'getLicense', 'onLicenseChanged']);
    assert.ok(Object.isFrozen(api));
  });
});
