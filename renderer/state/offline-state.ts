import type { DeactivationCodeInfo } from '../../shared/ipc/channels/offline.ts';

/*
 * The offline activation slice of the app store (./store.ts holds it as `offline`): where the user
 * is in the three steps, what they typed, and the deactivation code waiting to be handed in. The
 * request code itself is main's (the app store's `offlineRequest`, from getOfflineRequest), so it outlives a reload.
 */

/** 1 enter the key, 2 carry the request code away, 3 paste the activation code back. */
export type OfflineStep = 'key' | 'request' | 'code';

export interface OfflineState {
  readonly step: OfflineStep;
  readonly keyInput: string;
  readonly codeInput: string;
  /** The last offline deactivation's code, shown until the user dismisses it (it survives a restart). */
  readonly deactivation: DeactivationCodeInfo | null;
  readonly confirmingDismiss: boolean;
}

export const INITIAL_OFFLINE: OfflineState = {
  step: 'key',
  keyInput: '',
  codeInput: '',
  deactivation: null,
  confirmingDismiss: false,
};

/** Element ids the offline actions move focus to. */
export const OFFLINE_FOCUS = {
  heading: 'offline-title',
  keyField: 'offline-license-key',
  requestHeading: 'request-code-title',
  pendingHeading: 'pending-request-title',
  codeField: 'activation-code-input',
  deactivationHeading: 'deactivation-code-title',
  confirmDismiss: 'confirm-dismiss-deactivation',
} as const;
