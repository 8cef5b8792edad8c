import { z } from 'zod';
import type { LicenseView } from '../license-view.ts';
import { pastedText, returns } from '../returns.ts';

/*
 * Offline activation channels: request code (kept by main until it is answered or discarded, and
 * handed out only by getOfflineRequest), activation code import, offline deactivation. Spread into
 * CHANNELS by ../contract.ts.
 */

/**
 * Step 2 of offline activation: what the user carries to a connected computer. The request code
 * encodes the full license key, so this travels only on the offline channels, which the activation
 * screens alone may call (never in the license view, never on a read-only verb).
 *
 * @example
 * const pending = await window.keyhole.getOfflineRequest(); // { ok: true, value: OfflineRequestInfo | null }
 */
export interface OfflineRequestInfo {
  /** "KR-XXXXXXXXXX-…", grouped for reading. */
  readonly requestCode: string;
  readonly instanceId: string;
  /** The manual activation page where the request code is turned into an activation code. */
  readonly manualActivationUrl: string;
  /** The request code as a QR code: an SVG document made by main (shown as an image, never as markup). */
  readonly qrSvg: string;
  readonly supportContact: { readonly email: string; readonly url: string | null };
}

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
  /**
   * The request code made here that still waits for its activation code (the same one after a
   * reload or a restart), or null once an activation is stored or the user started over.
   */
  getOfflineRequest: {
    channel: 'keyhole:offline:pending-request',
    request: z.tuple([]),
    response: returns<OfflineRequestInfo | null>(),
  },
  /** "Start over": main forgets the request code that waits for its activation code (getOfflineRequest answers null). */
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
