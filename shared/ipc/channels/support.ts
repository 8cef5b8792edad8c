import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../errors/catalog.ts';
import type { ErrorInfo } from '../../errors/keyhole-error.ts';
import { REQUEST_ID_PATTERN } from '../../http/request-id.ts';
import { returns } from '../returns.ts';

/*
 * Support channels: bundle preview and save, logs folder. Spread into CHANNELS by
 * ../contract.ts. The failed action an error panel shows travels with the request, so the bundle
 * records what the customer was looking at; it is bounded like every other renderer input.
 */

/**
 * The failed action on an error panel, as the renderer sends it. Of the details only the
 * authority's request id travels: it names the authority's log line for that call.
 *
 * @example
 * ACTION_ERROR.parse({ action: 'activate', error: { code: 'ACTIVATION_LIMIT_REACHED', message: '…' } })
 */
export const ACTION_ERROR = z.object({
  action: z.string().regex(/^[a-z][a-z_-]{0,39}$/),
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().max(500),
    hint: z.string().max(1000).optional(),
    details: z.strictObject({ requestId: z.string().regex(REQUEST_ID_PATTERN) }).optional(),
  }),
});
export type ActionError = z.output<typeof ACTION_ERROR>;

/** What "Copy details for support" shows before anything is copied. */
export interface SupportPreview {
  /** The sealed bundle as JSON text: what Copy puts on the clipboard. */
  readonly text: string;
  /** One plain-words line per thing the bundle holds (and says what it leaves out). */
  readonly preview: readonly string[];
  readonly fileName: string;
}

/** The outcome of "Save support bundle". */
export interface SavedSupportBundle {
  /** True once the host wrote the file (Electron: where the user chose in the save dialog). */
  readonly saved: boolean;
  /** Where it was written; null when not written (cancelled, or handed to the browser to download). */
  readonly path: string | null;
  /**
   * Set when this host has no save dialog (the browser host): the renderer saves the text as a
   * download under this name, in the browser's downloads folder.
   */
  readonly download: { readonly fileName: string; readonly text: string } | null;
}

/** The outcome of "Open logs folder". */
export interface LogsFolder {
  /** True when the host opened it in the file manager; otherwise the renderer shows `folder` to copy. */
  readonly opened: boolean;
  readonly folder: string;
}

/** A host replaying a support bundle (or a generated scenario): what the banner says. */
export interface ReplayInfo {
  readonly kind: 'bundle' | 'scenario';
  /** When the customer's app made the bundle. */
  readonly createdAt: number;
  readonly instanceId: string;
  /** The catalog code a scenario shows; null for a customer's bundle. */
  readonly scenario: ErrorCode | null;
  /** The failed action the customer's error panel showed, if any. */
  readonly actionError: { readonly action: string; readonly error: ErrorInfo } | null;
  /** Set when re-evaluating here does not reach what the customer saw (e.g. unknown signing key). */
  readonly differs: string | null;
}

const actionError = z.tuple([ACTION_ERROR.nullish()]);

export const SUPPORT_CHANNELS = {
  /** Builds the bundle now and describes it; nothing leaves the machine. */
  previewSupportBundle: {
    channel: 'keyhole:support:preview-bundle',
    request: actionError,
    response: returns<SupportPreview>(),
  },
  /** Builds the bundle now and saves it (Electron: a save dialog; browser host: a download). */
  saveSupportBundle: {
    channel: 'keyhole:support:save-bundle',
    request: actionError,
    response: returns<SavedSupportBundle>(),
  },
  openLogsFolder: {
    channel: 'keyhole:support:open-logs-folder',
    request: z.tuple([]),
    response: returns<LogsFolder>(),
  },
} as const;
