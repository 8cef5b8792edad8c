import { app, BrowserWindow, dialog, shell } from 'electron';
import { join } from 'node:path';
import type { SupportPlatform } from '../node-core/app/handlers/support-handlers.ts';

/*
 * Electron's native side of the support verbs: the OS save dialog for "Save support bundle"
 * (suggesting the Downloads folder) and the file manager for "Open logs folder".
 */

export function electronSupportPlatform(): SupportPlatform {
  return {
    async chooseSavePath(suggestedName) {
      const options = {
        title: 'Save support bundle',
        defaultPath: join(app.getPath('downloads'), suggestedName),
        filters: [{ name: 'Support bundle (JSON)', extensions: ['json'] }],
      };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async openFolder(folder) {
      // shell.openPath answers an error message, or '' when the folder was opened.
      return (await shell.openPath(folder)) === '';
    },
    async openAddress(address) {
      // Only the product config's renew page and support mailto reach here (see vendor-handlers.ts).
      return shell.openExternal(address).then(() => true, () => false);
    },
  };
}
