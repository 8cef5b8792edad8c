import { CHANNELS, EVENTS, type EventName, type KeyholeApi, type Result, type Unsubscribe } from './contract.ts';

/** How a bridge reaches main: Electron's ipcRenderer in the preload, fetch in the browser host. */
export interface BridgeTransport {
  invoke(channel: string, args: readonly unknown[]): Promise<Result<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe;
}

/**
 * Builds `window.keyhole` from the contract table: one verb per channel, one `onX` per event. The
 * preload and the renderer's browser bridge both call this, so neither can expose a verb the
 * contract does not declare, nor miss one it does.
 *
 * @example
 * const api = createKeyholeApi({ invoke: (ch, args) => ipcRenderer.invoke(ch, ...args), subscribe });
 * await api.activateOnline('KH-…');
 */
export function createKeyholeApi(transport: BridgeTransport): KeyholeApi {
  const verbs = Object.entries(CHANNELS).map(([verb, spec]) => [
    verb,
    (...args: unknown[]) => transport.invoke(spec.channel, args),
  ]);
  const events = (Object.keys(EVENTS) as EventName[]).map((name) => [
    `on${name[0]!.toUpperCase()}${name.slice(1)}`,
    (listener: (payload: unknown) => void) => transport.subscribe(EVENTS[name].channel, listener),
  ]);
  return Object.freeze(Object.fromEntries([...verbs, ...events])) as KeyholeApi;
}
