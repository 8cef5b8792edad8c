import { describeError } from '../../shared/errors/catalog.ts';
import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { VendorPage } from '../../shared/ipc/channels/vendor.ts';
import type { KeyholeApi, LicenseView, Result } from '../../shared/ipc/contract.ts';
import { badgeFor } from '../text/labels.ts';
import { FOCUS } from './focus.ts';
import { checkKeyInput } from './key-check.ts';
import { createOfflineActions } from './offline-actions.ts';
import { screenFor, type ActionName, type AppState, type AppStore } from './store.ts';
import { createLinkActions } from './link-actions.ts';
import { createSlotActions } from './slot-actions.ts';
import { createSupportActions } from './support-actions.ts';

/*
 * Every user intent as a plain function over the vanilla store and the contract client. Components
 * call these; they never call `window.keyhole` themselves.
 */

export type Actions = ReturnType<typeof createActions>;

export function createActions(store: AppStore, api: KeyholeApi) {
  let ticket = 0;
  let copiedTimer: ReturnType<typeof setTimeout> | undefined;
  const set = (patch: Partial<AppState>) => store.setState(patch);
  const announce = (text: string) => set({ announcement: { text, id: store.getState().announcement.id + 1 } });
  const focus = (target: string) => set({ focus: { target, id: (store.getState().focus?.id ?? 0) + 1 } });

  function showLicense(license: LicenseView, message: string): void {
    const screen = screenFor(license);
    set({ license, screen, busy: null, problem: null, confirmingDeactivate: false, keyInput: '', notice: message, slots: null });
    announce(message);
    focus(screen === 'status' ? FOCUS.statusHeading : FOCUS.keyField);
  }

  function fail(action: ActionName, error: ErrorInfo): void {
    set({ busy: null, problem: { action, error }, confirmingDeactivate: false });
    announce(`${describeError(error.code).title}. ${describeError(error.code).explanation}`);
    focus(FOCUS.problemHeading);
  }

  async function run(action: ActionName, call: () => Promise<Result<LicenseView>>, done: (v: LicenseView) => string) {
    const mine = ++ticket;
    set({ busy: action, problem: null, notice: null });
    const result = await call();
    if (mine !== ticket) return; // cancelled or superseded: its answer no longer matters
    if (result.ok) showLicense(result.value, done(result.value));
    else fail(action, result.error);
  }

  const stateLabel = (view: LicenseView) => badgeFor(view.status.state, view.status.daysLeft).label;

  /** Copies text and shows "Copied" on the button named `what` for a moment. */
  async function copy(what: string, text: string): Promise<void> {
    const copied = await writeClipboard(text);
    clearTimeout(copiedTimer);
    set({ copied: copied ? what : null });
    announce(copied ? 'Copied to the clipboard.' : 'Copying failed: select the text and copy it by hand.');
    copiedTimer = setTimeout(() => set({ copied: null }), 2500);
  }

  const actions = {
    /** Offline activation and deactivation. */
    offline: createOfflineActions({ store, api, showLicense, fail, announce, focus }),
    /** Support details, bundle, logs folder. */
    support: createSupportActions({ store, api, announce, focus, copy }),
    /** "Free a slot" after the activation limit was reached. */
    slots: createSlotActions({ store, api, fail, announce, focus, activate: (): Promise<void> => actions.activate() }),
    /** Follows main's pushes (periodic validation, lease boundaries, activate links) and returns the unsubscribe. */
    follow(): () => void {
      const stopLinks = createLinkActions({ store, api, announce, focus }).follow();
      const stopLicense = api.onLicenseChanged((license) => {
        const before = store.getState().license.status;
        set({ license });
        // The view never carries the request code; a change may have answered or replaced it.
        void actions.offline.refreshRequest();
        if (before.state !== license.status.state || before.daysLeft !== license.status.daysLeft) {
          announce(`License status: ${stateLabel(license)}`);
        }
      });
      return () => {
        stopLinks();
        stopLicense();
      };
    },
    setKey(keyInput: string): void {
      // Another key: its own limit and its own machines, so an open slot list no longer applies.
      const { problem, slots } = store.getState();
      set({ keyInput, problem: problem?.action === 'activate' ? null : problem, slots: keyInput === store.getState().keyInput ? slots : null });
    },
    async activate(): Promise<void> {
      const { keyInput, busy } = store.getState();
      if (busy || checkKeyInput(keyInput).verdict !== 'ok') return;
      focus(FOCUS.cancelActivation);
      announce('Activating: contacting the license server…');
      const changing = store.getState().license.status.certificate !== null;
      const done = (v: LicenseView) => `${changing ? 'Key changed: the new license is in use' : 'License activated'}. Status: ${stateLabel(v)}`;
      await run('activate', () => api.activateOnline(keyInput), done);
    },
    /** "Start free trial": no key; main asks the authority for this machine's trial. */
    async startTrial(): Promise<void> {
      if (store.getState().busy) return;
      announce('Starting your free trial: contacting the license server…');
      await run('trial', () => api.startTrial(), (v) => `Free trial started. Status: ${stateLabel(v)}`);
    },
    /** "Enter a license key": to the key field, on the key screen or from the status view. */
    enterKey(): void {
      if (store.getState().screen !== 'activate') return this.changeKey();
      set({ problem: null });
      focus(FOCUS.keyField);
    },
    async cancelActivation(): Promise<void> {
      ticket++;
      set({ busy: null });
      announce('Activation cancelled. Nothing was changed.');
      focus(FOCUS.keyField);
      await api.cancelActivation();
    },
    async validateNow(): Promise<void> {
      if (store.getState().busy) return;
      announce('Re-validating with the license server…');
      let problem: ErrorInfo | null = null;
      const call = async (): Promise<Result<LicenseView>> => {
        const result = await api.validateNow();
        if (!result.ok) return result;
        problem = result.value.problem;
        return { ok: true, value: result.value.license };
      };
      await run('validate', call, (v) => `Re-validated. Status: ${stateLabel(v)}`);
      // A server problem the new status does not already explain (e.g. unreachable while in grace).
      const shown = store.getState().license.status.code;
      const found = problem as ErrorInfo | null;
      if (found && found.code !== shown) fail('validate', found);
    },
    askDeactivate(): void {
      set({ confirmingDeactivate: true });
      focus(FOCUS.confirmDeactivate);
    },
    keepActivation(): void {
      set({ confirmingDeactivate: false });
      focus(FOCUS.deactivate);
    },
    async deactivate(): Promise<void> {
      if (store.getState().busy) return;
      await run('deactivate', () => api.deactivate(), () => 'This device was deactivated and its activation slot is free.');
    },
    changeKey(): void {
      set({ screen: 'activate', problem: null, confirmingDeactivate: false, keyInput: '', notice: null });
      focus(FOCUS.keyField);
    },
    showStatus(): void {
      set({ screen: 'status', problem: null });
      focus(FOCUS.statusHeading);
    },
    retry(): Promise<void> {
      const action = store.getState().problem?.action;
      if (action === 'activate') return this.activate();
      if (action === 'deactivate') return this.deactivate();
      if (action === 'offline') return this.offline.retry();
      if (action === 'trial') return this.startTrial();
      if (action === 'freeSlot') return this.slots.open();
      return this.validateNow();
    },
    /** "Renew license" / "Buy" / "Contact support": main opens the product config's address; a browser tab opens it otherwise. */
    async openVendorPage(page: VendorPage): Promise<void> {
      const result = await api.openVendorPage(page);
      if (!result.ok) {
        announce(describeError(result.error.code).title);
        return;
      }
      const { opened, address } = result.value;
      if (!opened && window.open(address, '_blank') === null) {
        await copy(`vendor-${page}`, address);
        return;
      }
      announce(page === 'contact' ? 'Your mail app opened with a message to support.' : `The ${page === 'buy' ? 'store' : 'renew page'} opened in your browser.`);
    },
    copy,
  };
  return actions;
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older webviews or a denied permission: the selection-based copy still works on a click.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
