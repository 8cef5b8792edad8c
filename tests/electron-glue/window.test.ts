import assert from 'node:assert/strict';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, test } from 'node:test';
import { useElectronStandIn } from '../harness/electron/load.ts';

/*
 * electron/window.ts against the recording stand-in: the one window's security preferences, its
 * preload and the page it loads. That the built files are really there is checked in built.test.ts.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const electron = await useElectronStandIn();
const windowModule = await import('../../electron/window.ts');
const { setupWindow, RENDERER_FILE, RENDERER_URL } = windowModule;

interface BundleBuild {
  readonly outDir: string;
  readonly rolldownOptions: { readonly input: Record<string, string>; readonly output: { readonly entryFileNames: string } };
}
/** Where `npm run build` writes what (the parts of vite.config.ts the window relies on). */
const viteConfig = (await import('../../vite.config.ts')).default as unknown as {
  readonly build: { readonly outDir: string };
  readonly environments: Record<'electronMain' | 'electronPreload', { readonly build: BundleBuild }>;
};

beforeEach(() => electron.resetStandIn());

function theWindow() {
  const [window, ...others] = electron.BrowserWindow.getAllWindows();
  assert.ok(window && others.length === 0, 'setupWindow creates exactly one window');
  return window;
}

test('the window is isolated and sandboxed, with no Node, no webview and web security on', () => {
  setupWindow('Keyhole Demo Studio');
  const { options } = theWindow();
  assert.equal(options.title, 'Keyhole Demo Studio');
  const prefs = options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
});

test('the preload is preload.cjs beside the main bundle, where vite writes it', () => {
  setupWindow('Keyhole');
  const preload = (theWindow().options.webPreferences as Record<string, unknown>).preload;
  assert.equal(typeof preload, 'string');
  assert.equal(basename(preload as string), 'preload.cjs');
  // The path is taken relative to the module that computes it: in the build that module is inside
  // dist-electron/main.js, so both bundles have to land in one folder, the preload as preload.cjs.
  const windowDir = dirname(fileURLToPath(import.meta.resolve('../../electron/window.ts')));
  assert.equal(dirname(preload as string), windowDir);
  const main = viteConfig.environments.electronMain.build;
  const bridge = viteConfig.environments.electronPreload.build;
  assert.equal(resolve(bridge.outDir), resolve(main.outDir));
  assert.deepEqual(Object.keys(main.rolldownOptions.input), ['main']);
  assert.equal(bridge.rolldownOptions.output.entryFileNames.replace('[name]', Object.keys(bridge.rolldownOptions.input)[0]!), 'preload.cjs');
  assert.equal(resolve(main.rolldownOptions.input.main!), join(ROOT, 'electron', 'main.ts'));
});

test('the window loads the built renderer, dist/index.html, from a file', () => {
  setupWindow('Keyhole');
  assert.equal(RENDERER_FILE, join(ROOT, 'dist', 'index.html'));
  assert.equal(fileURLToPath(RENDERER_URL), RENDERER_FILE);
  const loads = electron.calls.filter((call) => call.name === 'window.loadFile' || call.name === 'window.loadURL');
  assert.deepEqual(loads, [{ name: 'window.loadFile', args: [RENDERER_FILE] }]);
  assert.equal(resolve(viteConfig.build.outDir), dirname(RENDERER_FILE), 'vite writes the renderer where the window looks');
});

test('the window has no menu and shows itself only once ready to show', () => {
  setupWindow('Keyhole');
  const window = theWindow();
  assert.equal(window.options.show, false);
  assert.ok(electron.callNames().includes('window.removeMenu'));
  assert.ok(!electron.callNames().includes('window.show'));
  window.emit('ready-to-show');
  assert.ok(electron.callNames().includes('window.show'));
});
