import { BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/*
 * The one window. Every security preference is written out even where it is Electron's default,
 * so a reader does not have to know the defaults (STYLE habit 5).
 */

// Joined by hand: `new URL(…, import.meta.url)` would be taken for an asset by the bundler.
const here = dirname(fileURLToPath(import.meta.url));
/** Built renderer (vite → dist/) and preload (vite → dist-electron/preload.cjs). */
export const RENDERER_FILE = join(here, '..', 'dist', 'index.html');
export const RENDERER_URL = pathToFileURL(RENDERER_FILE).href;
const PRELOAD_FILE = join(here, 'preload.cjs');

export function setupWindow(title: string): BrowserWindow {
  const window = new BrowserWindow({
    title,
    width: 960,
    height: 780,
    minWidth: 420,
    minHeight: 480,
    show: false,
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.removeMenu();
  // The renderer paints only once the evaluated status is in; showing then avoids a blank flash.
  window.once('ready-to-show', () => window.show());
  void window.loadFile(RENDERER_FILE);
  return window;
}
