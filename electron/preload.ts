import { contextBridge } from 'electron';
import { createKeyholeApi } from '../shared/ipc/bridge.ts';
import { ipcRendererTransport } from './ipc-renderer-transport.ts';

/*
 * The preload exposes `window.keyhole`: exactly the verbs of the IPC contract (built from its table
 * by createKeyholeApi), never ipcRenderer itself. Runs sandboxed, so it is bundled to one CJS file.
 */

contextBridge.exposeInMainWorld('keyhole', createKeyholeApi(ipcRendererTransport));
