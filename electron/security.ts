import { app, session, type WebContents } from 'electron';

/*
 * Secure by default, written out (STYLE habit 5): every renderer sandboxed, no navigation, no new
 * windows, no webviews, no permissions but writing the clipboard, and no network request from the
 * renderer at all — the page is bundled and talks to main only over IPC. The CSP itself ships in
 * renderer/index.html (a meta tag also covers file:// pages, where response headers do not exist).
 */

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** No navigation, redirects, webviews or new windows for these contents (also used for one window of a host app). */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Must run before the app is ready (enableSandbox has to). */
export function setupSecurity(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
    ses.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
    // No remote content: the renderer is file:// only; everything it needs comes through IPC.
    ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
      callback({ cancel: true }),
    );
  });
}
