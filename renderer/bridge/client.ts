import type { KeyholeApi } from '../../shared/ipc/contract.ts';
import { createHttpBridge } from './http-bridge.ts';

declare global {
  interface Window {
    /** Exposed by electron/preload.ts; absent when the page is served by the browser host. */
    readonly keyhole?: KeyholeApi;
  }
}

/** The one client the renderer calls main through, whichever host serves the page. */
export function connectKeyhole(): KeyholeApi {
  return window.keyhole ?? createHttpBridge();
}
