import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileFunction } from 'node:vm';
import { buildApp, buildIsStale } from '../../scripts/start/build-if-needed.ts';
import { CHANNELS, EVENTS } from '../../shared/ipc/contract.ts';
import { assertStrictCsp, readMetaCsp } from '../harness/csp.ts';
import { useElectronStandIn } from '../harness/electron/load.ts';
import { prepareUnpackagedRun, until } from '../harness/electron/unpackaged-run.ts';

/*
 * What `npm run build` ships, against the recording stand-in: the bundled main finds its preload
 * and page on disk, the bundled preload runs with only what a sandboxed preload gets, and the
 * built page keeps the strict CSP. Builds first when a source is newer than the build.
 */

const ROOT = join(import.meta.dirname, '..', '..');
if (buildIsStale(ROOT)) await buildApp(ROOT);

const electron = await useElectronStandIn();
const { app, BrowserWindow } = electron;
prepareUnpackagedRun(app);

test('the built page keeps the source page CSP, and loads only its own bundled files', () => {
  const html = readFileSync(join(ROOT, 'dist', 'index.html'), 'utf8');
  const csp = readMetaCsp(html);
  assertStrictCsp(csp);
  assert.deepEqual(csp, readMetaCsp(readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8')));
  const assets = [...html.matchAll(/<(?:script|link)\s[^>]*(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
  assert.ok(assets.length > 0);
  for (const asset of assets) {
    assert.match(asset, /^\.\//, `${asset} is not a relative file`);
    assert.ok(existsSync(join(ROOT, 'dist', asset)), `${asset} is missing from dist/`);
  }
  assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/.test(html), 'no inline script (script-src has no unsafe-inline)');
});

test('the bundled main opens its window on files that exist: dist-electron/preload.cjs and dist/index.html', async () => {
  await import(new URL('../../dist-electron/main.js', import.meta.url).href);
  app.becomeReady();
  await until('the window', () => BrowserWindow.getAllWindows().length === 1);
  const [window] = BrowserWindow.getAllWindows();
  const prefs = window!.options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.preload, join(ROOT, 'dist-electron', 'preload.cjs'));
  assert.ok(existsSync(prefs.preload as string));
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.contextIsolation, true);
  const loaded = electron.calls.find((call) => call.name === 'window.loadFile')?.args[0];
  assert.equal(loaded, join(ROOT, 'dist', 'index.html'));
  assert.ok(existsSync(loaded as string));
});

/** The modules Electron hands a sandboxed preload's require(); anything else throws there. */
const SANDBOXED_MODULES = new Set(['electron', 'events', 'timers', 'url']);

test('the bundled preload runs with only what a sandboxed preload gets, and exposes the contract verbs', () => {
  const file = join(ROOT, 'dist-electron', 'preload.cjs');
  const asked: string[] = [];
  const sandboxedRequire = (id: string): unknown => {
    asked.push(id);
    if (!SANDBOXED_MODULES.has(id)) throw new Error(`module not found: ${id} (a sandboxed preload cannot load it)`);
    return id === 'electron' ? electron : createRequire(import.meta.url)(id);
  };
  const module = { exports: {} };
  const run = compileFunction(readFileSync(file, 'utf8'), ['require', 'module', 'exports', '__filename', '__dirname'], { filename: file });
  run(sandboxedRequire, module, module.exports, file, join(ROOT, 'dist-electron'));
  assert.deepEqual(asked, ['electron']);
  const api = electron.contextBridge.exposed.get('keyhole') as Record<string, unknown>;
  const eventVerbs = Object.keys(EVENTS).map((name) => `on${name[0]!.toUpperCase()}${name.slice(1)}`);
  assert.deepEqual(Object.keys(api).sort(), [...Object.keys(CHANNELS), ...eventVerbs].sort());
});
