import { createStore, type StoreApi } from 'zustand/vanilla';
import type { OfflineRequestInfo } from '../../shared/ipc/channels/offline.ts';
import type { AppInfo, LicenseView } from '../../shared/ipc/contract.ts';
import { FOCUS } from './focus.ts';
import { INITIAL_OFFLINE, type OfflineState } from './offline-state.ts';
import type { ActionName, Problem, Screen } from './screen.ts';
import type { SlotState } from './slot-state.ts';
import { INITIAL_SUPPORT, replayStart, type SupportState } from './support-state.ts';

/*
 * Everything the screens show lives here, in a framework-free store (zustand/vanilla); components
 * only select from it and call actions (./actions.ts). Nothing here talks to main.
 */

export type { ActionName, Problem, Screen } from './screen.ts';

export interface AppState {
  readonly info: AppInfo;
  readonly license: LicenseView;
  /**
   * The request code main keeps until its activation code is entered or the user starts over
   * (getOfflineRequest, asked at start and on every license change). Not in the license view: it
   * encodes the key, and every window of the product gets the view.
   */
  readonly offlineRequest: OfflineRequestInfo | null;
  readonly screen: Screen;
  readonly keyInput: string;
  /** The action in flight, if any; buttons that would start another are disabled meanwhile. */
  readonly busy: ActionName | null;
  readonly confirmingDeactivate: boolean;
  readonly problem: Problem | null;
  /** What the polite live region says; the id makes a repeated message be announced again. */
  readonly announcement: { readonly text: string; readonly id: number };
  /** The visible confirmation of the last action that succeeded (the live region says it too). */
  readonly notice: string | null;
  /** The element that should take focus after the last change (by DOM id). */
  readonly focus: { readonly target: string; readonly id: number } | null;
  /** Which copy button shows its "Copied" feedback. */
  readonly copied: string | null;
  /** Offline activation and deactivation. */
  readonly offline: OfflineState;
  /** The support dialog and the logs folder. */
  readonly support: SupportState;
  /** Self-service slot recovery after "Activation limit reached"; null when not open. */
  readonly slots: SlotState | null;
}

export type AppStore = StoreApi<AppState>;

/** The screen a snapshot opens on: the wizard only when there is nothing to explain. */
export function screenFor(license: LicenseView): Screen {
  return license.status.state === 'not_activated' ? 'activate' : 'status';
}

/** Creates the store from what was fetched before the first paint. */
export function createAppStore(info: AppInfo, license: LicenseView, offlineRequest: OfflineRequestInfo | null = null): AppStore {
  return createStore<AppState>()(() => ({
    info,
    license,
    offlineRequest,
    screen: screenFor(license),
    keyInput: '',
    busy: null,
    confirmingDeactivate: false,
    problem: null,
    announcement: { text: '', id: 0 },
    notice: null,
    // A fresh install opens on the key field, so a paste (Ctrl+V) lands in it at once.
    focus: screenFor(license) === 'activate' ? { target: FOCUS.keyField, id: 1 } : null,
    copied: null,
    offline: INITIAL_OFFLINE,
    support: INITIAL_SUPPORT,
    slots: null,
    // A replayed bundle opens on the customer's screen: their failed action, where they saw it.
    ...replayStart(info, license),
  }));
}
