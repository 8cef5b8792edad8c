import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { beforeEach, test } from 'node:test';
import { CATALOG } from '../../shared/errors/catalog.ts';
import { CHANNELS, EVENTS } from '../../shared/ipc/contract.ts';
import type { Door } from '../../shared/ipc/door.ts';
import { useElectronStandIn } from '../harness/electron/load.ts';
import type { FrameStandIn, WebContentsStandIn } from '../harness/electron/stand-in.ts';

/*
 * electron/ipc-door.ts against the recording stand-in: one ipcMain handler per contract channel,
 * and a call reaches the door only from the main frame of our window showing our page.
 */

const electron = await useElectronStandIn();
const { setupIpc, pushEvent } = await import('../../electron/ipc-door.ts');
const RENDERER_URL = pathToFileURL('/opt/keyhole/dist/index.html').href;
const CONTRACT_CHANNELS = Object.values(CHANNELS).map((spec) => spec.channel);

beforeEach(() => electron.resetStandIn());

/** A door that only records what reached it. */
function recordingDoor(): Door & { readonly reached: { channel: string; args: unknown }[] } {
  const reached: { channel: string; args: unknown }[] = [];
  return {
    reached,
    call(channel, args) {
      reached.push({ channel, args });
      return Promise.resolve({ ok: true, value: 'from the door' });
    },
  };
}

/** Our window showing `url` in its main frame. */
function appWindow(url = RENDERER_URL): WebContentsStandIn {
  const { webContents } = new electron.BrowserWindow({});
  webContents.mainFrame.url = url;
  return webContents;
}

function invoke(channel: string, sender: WebContentsStandIn, senderFrame: FrameStandIn | null, ...args: unknown[]): unknown {
  const handler = electron.ipcMain.handlers.get(channel);
  assert.ok(handler, `no handler for ${channel}`);
  return handler({ sender, senderFrame, processId: 1, frameId: 1 }, ...args);
}

test('exactly one ipcMain handler per contract channel, and the returned function removes them all', () => {
  const unregister = setupIpc(recordingDoor(), RENDERER_URL);
  assert.deepEqual([...electron.ipcMain.handlers.keys()].sort(), [...CONTRACT_CHANNELS].sort());
  assert.equal(electron.callNames().filter((name) => name === 'ipcMain.handle').length, CONTRACT_CHANNELS.length);
  assert.equal(electron.ipcMain.eventNames().length, 0, 'no ipcMain.on listener (send/sendSync) besides the handlers');
  unregister();
  assert.equal(electron.ipcMain.handlers.size, 0);
});

test('a call from the main frame of our page reaches the door with its arguments', async () => {
  const door = recordingDoor();
  setupIpc(door, RENDERER_URL);
  const contents = appWindow(`${RENDERER_URL}#/license`);
  const answer = await invoke(CHANNELS.activateOnline.channel, contents, contents.mainFrame, 'KH-TYPED-KEY');
  assert.deepEqual(answer, { ok: true, value: 'from the door' });
  assert.deepEqual(door.reached, [{ channel: CHANNELS.activateOnline.channel, args: ['KH-TYPED-KEY'] }]);
});

test('a call from a sub-frame, another page, a frame not the main one, or a frame gone is UNAUTHORIZED and never reaches the door', async () => {
  const door = recordingDoor();
  setupIpc(door, RENDERER_URL);
  const contents = appWindow();
  const otherPage = appWindow('http://127.0.0.1:4780/activate');
  const otherFile = appWindow(pathToFileURL('/tmp/other.html').href);
  const foreign: [string, WebContentsStandIn, FrameStandIn | null][] = [
    ['a sub-frame of our page', contents, { url: RENDERER_URL, parent: contents.mainFrame }],
    ['a main frame showing another page', otherPage, otherPage.mainFrame],
    ['a main frame showing another file', otherFile, otherFile.mainFrame],
    ['a top frame that is not our main frame', contents, { url: RENDERER_URL, parent: null }],
    ['a frame already gone', contents, null],
  ];
  for (const [what, sender, frame] of foreign) {
    for (const channel of CONTRACT_CHANNELS) {
      const answer = (await invoke(channel, sender, frame)) as { ok: boolean; error?: { code: string; message: string } };
      assert.equal(answer.ok, false, `${what} on ${channel}`);
      assert.equal(answer.error?.code, 'UNAUTHORIZED', `${what} on ${channel}`);
      assert.equal(answer.error?.message, CATALOG.UNAUTHORIZED.title, 'the words come from the catalog');
      assert.ok(!('stack' in answer.error!), 'no stack crosses to the renderer');
    }
  }
  assert.deepEqual(door.reached, []);
});

test('an event is sent on the contract event channel, and skipped once the window is gone', () => {
  const contents = appWindow();
  const payload = { marker: 'a license view' } as never;
  pushEvent(contents as never, { event: 'licenseChanged', payload });
  assert.deepEqual(electron.calls.filter((call) => call.name === 'webContents.send'), [
    { name: 'webContents.send', args: [EVENTS.licenseChanged.channel, payload] },
  ]);
  contents.destroyed = true;
  pushEvent(contents as never, { event: 'licenseChanged', payload });
  assert.equal(electron.calls.filter((call) => call.name === 'webContents.send').length, 1);
});
