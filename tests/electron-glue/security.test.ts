import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { useElectronStandIn } from '../harness/electron/load.ts';

/*
 * electron/security.ts against the recording stand-in: every renderer is sandboxed, every way of
 * leaving the bundled page is refused, and the only permission granted is writing the clipboard.
 */

const electron = await useElectronStandIn();
const { setupSecurity } = await import('../../electron/security.ts');
const { app, session, standInEvent, WebContentsStandIn } = electron;

beforeEach(() => electron.resetStandIn());

/** Lets the `whenReady().then(…)` continuation of the glue run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the sandbox is enabled before the app is ready', () => {
  setupSecurity();
  assert.ok(electron.callNames().includes('app.enableSandbox'));
  assert.ok(!electron.callNames().includes('(ready)'));
});

test('every new web contents refuses navigation, redirects, webviews and new windows', () => {
  setupSecurity();
  const contents = new WebContentsStandIn();
  assert.equal(app.emit('web-contents-created', standInEvent(), contents), true, 'a web-contents-created listener exists');
  for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
    const event = standInEvent();
    contents.emit(name, event, name === 'will-attach-webview' ? {} : 'file:///elsewhere.html');
    assert.equal(event.defaultPrevented, true, `${name} was not prevented`);
  }
  assert.ok(contents.windowOpenHandler, 'no window-open handler');
  for (const url of ['https://example.com/', 'file:///etc/passwd', 'about:blank']) {
    assert.deepEqual(contents.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' }), { action: 'deny' });
  }
});

test('the only permission granted, asked or checked, is writing the clipboard', async () => {
  setupSecurity();
  app.becomeReady();
  await settle();
  const { permissionRequestHandler: request, permissionCheckHandler: check } = session.defaultSession;
  assert.ok(request && check, 'both permission handlers are installed once ready');
  const answers = new Map<string, boolean>();
  for (const permission of ['clipboard-sanitized-write', 'clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'hid', 'usb']) {
    let granted: boolean | undefined;
    request(new WebContentsStandIn(), permission, (answer: boolean) => (granted = answer), {});
    assert.equal(check(new WebContentsStandIn(), permission, 'file://', {}), granted, `check and request disagree on ${permission}`);
    answers.set(permission, granted!);
  }
  assert.deepEqual([...answers].filter(([, granted]) => granted).map(([permission]) => permission), ['clipboard-sanitized-write']);
});

/** Chromium's `<scheme>://*\/*` match pattern, the only form the glue uses. */
function matches(pattern: string, url: string): boolean {
  const scheme = /^([a-z]+):\/\/\*\/\*$/.exec(pattern)?.[1];
  assert.ok(scheme, `unexpected URL pattern ${pattern}`);
  return new URL(url).protocol === `${scheme}:`;
}

test('the renderer cannot reach the network: http, https, ws and wss requests are cancelled', async () => {
  setupSecurity();
  app.becomeReady();
  await settle();
  const [hook, ...more] = session.defaultSession.webRequest.beforeRequest;
  assert.ok(hook?.filter && more.length === 0, 'one filtered onBeforeRequest hook');
  for (const url of ['http://127.0.0.1:4780/v1/activate', 'https://127.0.0.1/', 'ws://127.0.0.1:9/', 'wss://127.0.0.1/']) {
    assert.ok(hook.filter.urls.some((pattern) => matches(pattern, url)), `${url} is not filtered`);
    let answer: unknown;
    hook.listener({ url, method: 'GET' }, (response: unknown) => (answer = response));
    assert.deepEqual(answer, { cancel: true }, `${url} was not cancelled`);
  }
  // The bundled page itself still loads.
  assert.ok(!hook.filter.urls.some((pattern) => matches(pattern, 'file:///app/dist/index.html')));
});
