import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createKeyholeApi } from '../shared/ipc/bridge.ts';
import type { Result } from '../shared/ipc/contract.ts';

/*
 * The preload exposes `window.keyhole`: exactly the verbs of the IPC contract (built from its table
 * by createKeyholeApi), never ipcRenderer itself. Runs sandboxed, so it is bundled to one CJS file.
 */

contextBridge.exposeInMainWorld(
  'keyhole',
  createKeyholeApi({
    invoke: (channel, args) => ipcRenderer.invoke(channel, ...args) as Promise<Result<unknown>>,
    subscribe(channel, listener) {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  }),
);
