import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { AppHost } from '../../node-core/app/app-host.ts';
import { useElectronStandIn } from '../harness/electron/load.ts';

/*
 * electron/deep-link.ts against the recording stand-in: the product's scheme is registered with
 * the OS, and links from macOS open-url, the first launch's argv and a second launch's argv all
 * reach the host (which keeps only the key, see node-core/app/link-inbox.ts), before or after
 * the host exists.
 */

const electron = await useElectronStandIn();
const { setupDeepLinks } = await import('../../electron/deep-link.ts');
const { app } = electron;

const link = 'keyhole://activate?key=KH-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE';

function fakeHost(urlScheme: string | null): AppHost & { opened: string[] } {
  const opened: string[] = [];
  return { info: { urlScheme }, opened, openLink: (text: string) => opened.push(text) } as unknown as AppHost & { opened: string[] };
}

beforeEach(() => electron.resetStandIn());

test('the scheme is registered; a link on the first launch waits for the host', () => {
  const links = setupDeepLinks(['/opt/app/keyhole', '--flag', link]);
  const host = fakeHost('keyhole');
  links.deliverTo(host);
  assert.deepEqual(host.opened, [link]);
  const registered = electron.calls.find((call) => call.name === 'app.setAsDefaultProtocolClient');
  assert.equal(registered?.args[0], 'keyhole');
});

test('macOS open-url before and after ready reaches the host, and the default opening is prevented', () => {
  const links = setupDeepLinks(['/Applications/Keyhole.app/Contents/MacOS/Keyhole']);
  let prevented = 0;
  const event = { preventDefault: () => prevented++ };
  app.emit('open-url', event, link);
  const host = fakeHost('keyhole');
  links.deliverTo(host);
  app.emit('open-url', event, link.replace('EEEEE', 'FFFFF'));
  assert.deepEqual(host.opened, [link, link.replace('EEEEE', 'FFFFF')]);
  assert.equal(prevented, 2);
});

test("a second launch's argv hands the link to the running instance; paths, flags and other schemes are not links", () => {
  const links = setupDeepLinks(['C:\\Program Files\\Keyhole\\Keyhole.exe']);
  const host = fakeHost('keyhole');
  links.deliverTo(host);
  app.emit('second-instance', {}, ['C:\\Program Files\\Keyhole\\Keyhole.exe', '--allow-file-access', 'C:\\Users\\me\\file.txt', 'https://evil.example/?key=x', link], 'C:\\');
  assert.deepEqual(host.opened, [link]);
});

test('a product without a URL scheme registers nothing and hands nothing on', () => {
  const links = setupDeepLinks(['/opt/app/keyhole', link]);
  const host = fakeHost(null);
  links.deliverTo(host);
  app.emit('second-instance', {}, ['/opt/app/keyhole', link], '/');
  assert.deepEqual(host.opened, []);
  assert.ok(!electron.callNames().includes('app.setAsDefaultProtocolClient'));
});

test('a burst of links before the host exists is bounded', () => {
  const links = setupDeepLinks(['/opt/app/keyhole']);
  for (let i = 0; i < 50; i++) app.emit('second-instance', {}, ['/opt/app/keyhole', `${link}${i}`], '/');
  const host = fakeHost('keyhole');
  links.deliverTo(host);
  assert.equal(host.opened.length, 8);
  assert.equal(host.opened.at(-1), `${link}49`, 'the newest are kept');
});
