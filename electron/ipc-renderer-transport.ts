import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeTransport } from '../shared/ipc/bridge.ts';
import type { Result } from '../shared/ipc/contract.ts';

/*
 * The preload side of the door: contract calls over ipcRenderer.invoke, events over
 * ipcRenderer.on, and only the payload handed on (never the IPC event). Shared by the activation
 * window's preload and the library's read-only one.
 */

export const ipcRendererTransport: BridgeTransport = {
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args) as Promise<Result<unknown>>,
  subscribe(channel, listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};
