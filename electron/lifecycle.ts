import { app, BrowserWindow } from 'electron';

/** One running instance (a second launch focuses the first); quitting when the window closes. */
export function setupLifecycle(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
}
