import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { useElectronStandIn } from '../harness/electron/load.ts';

/* electron/lifecycle.ts against the recording stand-in: one instance, and quitting with the window. */

const electron = await useElectronStandIn();
const { setupLifecycle } = await import('../../electron/lifecycle.ts');
const { app } = electron;

beforeEach(() => electron.resetStandIn());

test('a second instance that does not get the lock quits at once and sets nothing up', () => {
  app.singleInstanceLock = false;
  setupLifecycle();
  assert.deepEqual(electron.callNames(), ['app.requestSingleInstanceLock', 'app.quit']);
  assert.equal(app.eventNames().length, 0);
});

test('the first instance does not quit; a second launch restores and focuses its window', () => {
  setupLifecycle();
  assert.ok(!electron.callNames().includes('app.quit'));
  const window = new electron.BrowserWindow({});
  window.minimized = true;
  electron.calls.length = 0;
  assert.equal(app.emit('second-instance', {}, ['keyhole'], '/home/user'), true, 'a second-instance listener exists');
  assert.deepEqual(electron.callNames(), ['window.restore', 'window.focus']);
  // Not minimized: focused only.
  electron.calls.length = 0;
  app.emit('second-instance', {}, ['keyhole'], '/home/user');
  assert.deepEqual(electron.callNames(), ['window.focus']);
});

test('a second launch before any window exists does nothing', () => {
  setupLifecycle();
  electron.calls.length = 0;
  app.emit('second-instance', {}, ['keyhole'], '/home/user');
  assert.deepEqual(electron.calls, []);
});

test('closing the last window quits the app', () => {
  setupLifecycle();
  assert.ok(!electron.callNames().includes('app.quit'));
  assert.equal(app.emit('window-all-closed'), true, 'a window-all-closed listener exists');
  assert.equal(electron.callNames().at(-1), 'app.quit');
});
