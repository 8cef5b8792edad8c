import { app } from 'electron';
import { createDoor } from '../shared/ipc/door.ts';
import { setupDeepLinks } from './deep-link.ts';
import { setupIpc, pushEvent } from './ipc-door.ts';
import { setupLicenseHost } from './license-host.ts';
import { setupLifecycle } from './lifecycle.ts';
import { setupSecurity } from './security.ts';
import { RENDERER_URL, setupWindow } from './window.ts';

/*
 * The main process, as a table of contents: each step is one module with one setupX() (STYLE
 * habit 6). Order matters only where noted.
 */

setupSecurity(); // before ready: sandbox for every renderer, navigation and window.open denied
setupLifecycle(); // one instance; quit when the window closes
const links = setupDeepLinks(); // before ready: macOS may start the app with an open-url

void app.whenReady().then(async () => {
  const host = await setupLicenseHost(); // core service, electron-store + safeStorage, periodic validation
  setupIpc(createDoor(host.handlers, host.log), RENDERER_URL); // before the window asks for its first status
  const window = setupWindow(host.info.productName);
  host.onEvent((message) => pushEvent(window.webContents, message));
  links.deliverTo(host); // after the window listens: a waiting link is taken when the renderer starts
});
