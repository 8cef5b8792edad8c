import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { KeyholeError } from '../shared/errors/keyhole-error.ts';
import { CHANNELS, EVENTS, type EventMessage } from '../shared/ipc/contract.ts';
import type { Door } from '../shared/ipc/door.ts';
import { READ_ONLY_CHANNELS } from '../shared/ipc/read-only.ts';

/*
 * Electron's side of the one door (shared/ipc/door.ts does the channel and argument checks): every
 * contract channel is registered here and nowhere else, and each call must come from the main
 * frame of our own window showing our own page. Anything else is refused without running a
 * handler; the renderer gets an UNAUTHORIZED result, never an exception with a stack.
 */

/** True for the top frame of a window we created, showing the bundled renderer. */
export function isTrustedSender(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false; // a sub-frame (or a frame already gone)
  if (frame !== event.sender.mainFrame) return false;
  return stripHash(frame.url) === stripHash(rendererUrl);
}

function stripHash(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  return parsed ? `${parsed.protocol}//${parsed.host}${parsed.pathname}` : url;
}

/** True for the top frame of any window showing a page `hostPages` accepts (a vendor's own window). */
function isHostPage(event: IpcMainInvokeEvent, hostPages: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && frame === event.sender.mainFrame && hostPages(frame.url);
}

/**
 * Registers every channel of the contract on ipcMain through `door`; returns the unregister.
 * `hostPages` (the library inside a vendor's app) lets those pages' main frames use the read-only
 * channels (shared/ipc/read-only.ts) as well.
 */
export function setupIpc(door: Door, rendererUrl: string, hostPages?: (url: string) => boolean): () => void {
  const channels = Object.values(CHANNELS).map((spec) => spec.channel);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const readOnlyCaller = hostPages !== undefined && READ_ONLY_CHANNELS.has(channel) && isHostPage(event, hostPages);
      if (!readOnlyCaller && !isTrustedSender(event, rendererUrl)) {
        return { ok: false, error: new KeyholeError('UNAUTHORIZED', 'the call did not come from the app window').toInfo() };
      }
      return door.call(channel, args);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Sends one contract event to a window's renderer (skipped once the window is gone). */
export function pushEvent(contents: WebContents, message: EventMessage): void {
  if (!contents.isDestroyed()) contents.send(EVENTS[message.event].channel, message.payload);
}
