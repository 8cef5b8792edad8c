import type { ErrorInfo } from '../../shared/errors/keyhole-error.ts';
import type { OfflineRequestInfo } from '../../shared/ipc/channels/offline.ts';
import type { KeyholeApi, LicenseView } from '../../shared/ipc/contract.ts';
import { badgeFor } from '../text/labels.ts';
import { FOCUS } from './focus.ts';
import { checkActivationCodeInput } from './activation-code-check.ts';
import { checkKeyInput } from './key-check.ts';
import { INITIAL_OFFLINE, OFFLINE_FOCUS, type OfflineState } from './offline-state.ts';
import { screenFor, type ActionName, type AppState, type AppStore } from './store.ts';

/*
 * The offline activation intents, as plain functions over the app store and the contract
 * client: enter the key → request code → paste the activation code; offline deactivation and its
 * code. Success and failure go through the app's own showLicense/fail, so the status view, the
 * error panel, the live region and the focus behave exactly as for online activation. The request
 * code lives in main (getOfflineRequest, the store's `offlineRequest`): a reload or a restart offers it again.
 */

export interface OfflineActionDeps {
  readonly store: AppStore;
  readonly api: KeyholeApi;
  readonly showLicense: (license: LicenseView, message: string) => void;
  readonly fail: (action: ActionName, error: ErrorInfo) => void;
  readonly announce: (text: string) => void;
  readonly focus: (target: string) => void;
}

export type OfflineActions = ReturnType<typeof createOfflineActions>;

const STARTED_OVER = 'Started over: the request code was discarded. Enter the license key to make a new one.';

export function createOfflineActions({ store, api, showLicense, fail, announce, focus }: OfflineActionDeps) {
  const offline = () => store.getState().offline;
  const patch = (change: Partial<OfflineState>, app: Partial<AppState> = {}) =>
    store.setState({ ...app, offline: { ...offline(), ...change } });
  const catalog = () => store.getState().info.plugins.map((plugin) => plugin.id);
  const idle = () => store.getState().busy === null;
  // What "Retry" in an error panel repeats.
  let last: 'request' | 'activate' | 'deactivate' = 'request';
  // The store patch that sets the pending request; it counts as a change, so an answer to an older
  // ask (refreshRequest) never overwrites it.
  let requestAsk = 0;
  const withRequest = (offlineRequest: OfflineRequestInfo | null, app: Partial<AppState> = {}) => {
    requestAsk++;
    return { ...app, offlineRequest };
  };

  return {
    /**
     * Opens the flow: at step 3 with a pasted code, at step 2 while a request code waits for its
     * activation code, else at step 1 (with a well-formed key from the online field).
     */
    start(prefill: { readonly code?: string } = {}): void {
      const typed = store.getState().keyInput;
      const keyInput = checkKeyInput(typed).verdict === 'ok' ? typed : '';
      const pending = store.getState().offlineRequest !== null;
      const step = prefill.code ? 'code' : pending ? 'request' : 'key';
      patch({ ...INITIAL_OFFLINE, deactivation: offline().deactivation, step, keyInput, codeInput: prefill.code ?? '' }, {
        screen: 'offline',
        problem: null,
        confirmingDeactivate: false,
      });
      focus(step === 'code' ? OFFLINE_FOCUS.codeField : step === 'request' ? OFFLINE_FOCUS.requestHeading : OFFLINE_FOCUS.keyField);
    },
    /** "I already have an activation code" beside a pending request: step 3, its request code above the field. */
    resume(): void {
      patch({ ...INITIAL_OFFLINE, deactivation: offline().deactivation, step: 'code' }, { screen: 'offline', problem: null, confirmingDeactivate: false });
      focus(OFFLINE_FOCUS.codeField);
    },
    /** "Start over": main forgets the pending request code; back to step 1 of a fresh start, or to the key field. */
    async startOver(): Promise<void> {
      if (!idle()) return;
      const result = await api.discardRequestCode();
      if (!result.ok) return fail('offline', result.error);
      const onOffline = store.getState().screen === 'offline';
      patch({ step: 'key', codeInput: '' }, withRequest(null, { license: result.value, problem: null, notice: STARTED_OVER }));
      announce(STARTED_OVER);
      focus(onOffline ? OFFLINE_FOCUS.keyField : FOCUS.keyField);
    },
    /** Asks main for the pending request code again: after a license change (an activation stored, here or in another window, ends it). */
    async refreshRequest(): Promise<void> {
      const ask = ++requestAsk;
      const result = await api.getOfflineRequest();
      if (result.ok && ask === requestAsk) store.setState({ offlineRequest: result.value });
    },
    /** Back to the screen the license state calls for. */
    leave(): void {
      const { license } = store.getState();
      patch({ ...INITIAL_OFFLINE, deactivation: offline().deactivation }, { screen: screenFor(license), problem: null });
      focus(screenFor(license) === 'status' ? FOCUS.statusHeading : FOCUS.keyField);
    },
    setKey(keyInput: string): void {
      patch({ keyInput }, store.getState().problem?.action === 'offline' ? { problem: null } : {});
    },
    /** Step 1 → 2: main makes the request code (no network). */
    async requestCode(): Promise<void> {
      const { keyInput } = offline();
      if (!idle() || checkKeyInput(keyInput).verdict !== 'ok') return;
      last = 'request';
      store.setState({ busy: 'offline', problem: null });
      const result = await api.createRequestCode(keyInput);
      if (!result.ok) return fail('offline', result.error);
      const ready = 'Request code ready. Take it to the manual activation page on a computer with internet access.';
      // Seen as well as heard: nothing is activated yet, and the screen says what to do next.
      patch({ step: 'request' }, withRequest(result.value, { busy: null, notice: ready }));
      announce(ready);
      focus(OFFLINE_FOCUS.requestHeading);
    },
    /** Step 3: the field for the activation code brought back. */
    enterCode(): void {
      patch({ step: 'code' });
      focus(OFFLINE_FOCUS.codeField);
    },
    /** A license key pasted where the activation code goes: move it to step 1 (its request code replaces the pending one). */
    moveCodeToKey(): void {
      patch({ step: 'key', keyInput: offline().codeInput, codeInput: '' }, { problem: null });
      focus(OFFLINE_FOCUS.keyField);
    },
    setCode(codeInput: string): void {
      patch({ codeInput }, store.getState().problem?.action === 'offline' ? { problem: null } : {});
    },
    /** Step 3: main verifies the code offline; on success the status view, at once. */
    async activate(): Promise<void> {
      const { codeInput } = offline();
      if (!idle() || checkActivationCodeInput(codeInput, catalog()).verdict !== 'ok') return;
      last = 'activate';
      store.setState({ busy: 'offline', problem: null });
      announce('Checking the activation code…');
      const result = await api.activateOffline(codeInput);
      if (!result.ok) return fail('offline', result.error);
      patch({ ...INITIAL_OFFLINE, deactivation: offline().deactivation });
      const { state, daysLeft } = result.value.status;
      showLicense(result.value, `License activated offline. Status: ${badgeFor(state, daysLeft).label}`);
    },
    /** Removes the activation here and shows the code that frees the slot on the authority. */
    async deactivate(): Promise<void> {
      if (!idle()) return;
      last = 'deactivate';
      store.setState({ busy: 'deactivate', problem: null });
      const result = await api.deactivateOffline();
      if (!result.ok) return fail('offline', result.error);
      patch({ deactivation: result.value.deactivation, confirmingDismiss: false });
      showLicense(result.value.license, 'This device was deactivated. Hand in the deactivation code to free its activation slot.');
      focus(OFFLINE_FOCUS.deactivationHeading);
    },
    /** The deactivation code kept by main across restarts. */
    async loadPending(): Promise<void> {
      const result = await api.pendingDeactivation();
      if (result.ok) patch({ deactivation: result.value });
    },
    askDismiss(): void {
      patch({ confirmingDismiss: true });
      focus(OFFLINE_FOCUS.confirmDismiss);
    },
    keepCode(): void {
      patch({ confirmingDismiss: false });
      focus(OFFLINE_FOCUS.deactivationHeading);
    },
    async dismissDeactivation(): Promise<void> {
      const result = await api.dismissDeactivationCode();
      if (!result.ok) return fail('offline', result.error);
      patch({ deactivation: null, confirmingDismiss: false });
      announce('Deactivation code dismissed.');
      const { screen } = store.getState();
      focus(screen === 'status' ? FOCUS.statusHeading : screen === 'offline' ? OFFLINE_FOCUS.heading : FOCUS.activateHeading);
    },
    retry(): Promise<void> {
      if (last === 'activate') return this.activate();
      if (last === 'deactivate') return this.deactivate();
      return this.requestCode();
    },
  };
}
