import { z } from 'zod';
import type { LicenseView } from '../license-view.ts';
import type { OfflineRequestInfo } from '../offline-request.ts';
import { pastedText, returns } from '../returns.ts';

export type { OfflineRequestInfo } from '../offline-request.ts';

/*
 * Offline activation channels: request code (kept as the license view's `offlineRequest` until it
 * is answered or discarded), activation code import, offline deactivation. Spread into CHANNELS by
 * ../contract.ts.
 */

/** The code that frees this device's slot once handed in on the manual page's /deactivate. */
export interface DeactivationCodeInfo {
  /** "KD-XXXXXXXXXX-…" */
  readonly code: string;
  /** Where to hand it in. */
  readonly manualUrl: string;
  /** The code as a QR code (SVG document), for carrying it off an air-gapped machine by phone. */
  readonly qrSvg: string;
}

/**
 * The offline verbs of the contract.
 *
 * @example
 * CHANNELS.createRequestCode.request.parse(['KH-…']) // validated arguments, as main's door does
 */
export const OFFLINE_CHANNELS = {
  /** The key as typed; main parses it again. No network. */
  createRequestCode: {
    channel: 'keyhole:offline:request-code',
    request: z.tuple([pastedText]),
    response: returns<OfflineRequestInfo>(),
  },
  /** "Start over": main forgets the request code that waits for its activation code (the view's `offlineRequest`). */
  discardRequestCode: {
    channel: 'keyhole:offline:discard-request',
    request: z.tuple([]),
    response: returns<LicenseView>(),
  },
  /** The pasted activation code; main verifies it offline and stores it when it would be active. */
  activateOffline: {
    channel: 'keyhole:offline:activate',
    request: z.tuple([pastedText]),
    response: returns<LicenseView>(),
  },
  /** Removes the activation here at once; the code frees the slot on the authority later. */
  deactivateOffline: {
    channel: 'keyhole:offline:deactivate',
    request: z.tuple([]),
    response: returns<{ readonly license: LicenseView; readonly deactivation: DeactivationCodeInfo }>(),
  },
  /** The last deactivation code, until dismissed (it survives a restart). */
  pendingDeactivation: {
    channel: 'keyhole:offline:pending-deactivation',
    request: z.tuple([]),
    response: returns<DeactivationCodeInfo | null>(),
  },
  dismissDeactivationCode: {
    channel: 'keyhole:offline:dismiss-deactivation',
    request: z.tuple([]),
    response: returns<{ readonly dismissed: true }>(),
  },
} as const;
