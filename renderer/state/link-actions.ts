import { activateLink, parseDeepLink } from '../../shared/format/deep-link.ts';
import type { KeyholeApi } from '../../shared/ipc/contract.ts';
import { FOCUS } from './focus.ts';
import type { AppStore } from './store.ts';

/*
 * A key that arrives by link: main keeps the key of an activate link (a second launch, macOS
 * open-url) until the window takes it; the browser host carries the same link as `?link=` or
 * `?key=` in its address. Either way the key is only filled in and checked: activating stays the
 * user's click, since any web page can open such a link.
 */

export interface LinkKit {
  readonly store: AppStore;
  readonly api: KeyholeApi;
  readonly announce: (text: string) => void;
  readonly focus: (target: string) => void;
}

const FILLED = 'The license key from the link is filled in. Check it, then choose "Activate".';

export function createLinkActions({ store, api, announce, focus }: LinkKit) {
  function fill(key: string): void {
    const { busy, info } = store.getState();
    if (busy || info.readOnly) return;
    store.setState({ screen: 'activate', keyInput: key, problem: null, slots: null, confirmingDeactivate: false, notice: FILLED });
    announce(FILLED);
    focus(FOCUS.keyField);
  }

  async function takeWaiting(): Promise<void> {
    const result = await api.takeLinkedKey();
    if (result.ok && result.value.key) fill(result.value.key);
  }

  /** The browser host's `?link=` / `?key=`, read once and then taken out of the address so a reload does not bring it back. */
  function fromAddress(): void {
    const scheme = store.getState().info.urlScheme;
    const params = new URLSearchParams(window.location.search);
    const link = params.get('link') ?? (params.has('key') ? activateLink(scheme ?? '', params.get('key') ?? '') : null);
    if (link === null) return;
    params.delete('link');
    params.delete('key');
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
    const parsed = scheme === null ? null : parseDeepLink(link, scheme);
    if (parsed?.kind === 'activate') fill(parsed.key);
  }

  return {
    /** Takes a waiting link now and every time main says one arrived; returns the unsubscribe. */
    follow(): () => void {
      if (store.getState().info.host === 'browser') fromAddress();
      void takeWaiting();
      return api.onLinkOpened(() => void takeWaiting());
    },
  };
}
