import { describeError, fallbackCode } from '../../shared/errors/catalog.ts';
import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import { createKeyholeApi } from '../../shared/ipc/bridge.ts';
import type { KeyholeApi, Result } from '../../shared/ipc/contract.ts';

/*
 * The browser host's bridge: the same contract-derived API as Electron's preload, over fetch. The
 * per-launch secret arrives once in the URL (?k=…), moves to sessionStorage (so a reload works) and
 * out of the address bar, and then travels only in a header. Pushes arrive as Server-Sent Events
 * read from a fetch stream (EventSource cannot send the header).
 */

const SECRET_HEADER = 'x-keyhole-secret';
const STORAGE_KEY = 'keyhole.hostSecret';

/** This origin's per-launch secret: from the address on the first call (then moved out of it), else the session's. */
export function takeSecret(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('k');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('k');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? '';
}

/** The app's own host not answering is a problem inside the app, not a server's. */
function hostGone(hint: string): Result<never> {
  const code = fallbackCode('app');
  const error: ErrorInfo = { code, message: describeError(code).title, hint };
  return { ok: false, error };
}

/** Builds `window.keyhole` for a page served by the browser host. */
export function createHttpBridge(): KeyholeApi {
  const secret = takeSecret();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;

  async function stream(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch('/api/events', { headers: { [SECRET_HEADER]: secret } });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // The host restarted or the network blipped: reconnect with a capped backoff.
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5000)));
    }
  }

  function dispatch(block: string): void {
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!data) return;
    const payload: unknown = JSON.parse(data);
    for (const listener of listeners.get(event) ?? []) listener(payload);
  }

  return createKeyholeApi({
    async invoke(channel, args) {
      try {
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
          body: JSON.stringify({ channel, args }),
        });
        return (await response.json()) as Result<unknown>;
      } catch {
        return hostGone('the app host did not answer; is it still running?');
      }
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      if (!streaming) {
        streaming = true;
        void stream();
      }
      return () => set.delete(listener);
    },
  });
}
