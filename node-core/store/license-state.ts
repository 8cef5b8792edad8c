import { z } from 'zod';
import { ERROR_CODES } from '../../shared/errors/catalog.ts';
import { LICENSE_MODES } from '../../shared/license/certificate.ts';
import { FINGERPRINT_COMPONENTS } from '../../shared/license/fingerprint.ts';

/*
 * What the encrypted store holds, as a schema: a decrypted file that does not fit it is treated
 * like a damaged one (kept aside, STORE_UNREADABLE), never half-used. Bump STATE_VERSION with a
 * migration when the shape changes.
 */

export const STATE_VERSION = 1;
/** How many license events the store keeps for support bundles. */
export const EVENT_LOG_SIZE = 50;

const outcome = z.union([z.literal('ok'), z.literal('unreachable'), z.enum(ERROR_CODES)]);

export const LicenseEventSchema = z.object({
  at: z.number(),
  /** 'activate', 'validate', 'deactivate', 'change_key', 'store_unreadable', 'instance_moved', … */
  action: z.string(),
  outcome,
  httpStatus: z.number().nullable(),
  latencyMs: z.number().nullable(),
  /** The authority's id for the request (its log line), when it answered; absent in older stores. */
  requestId: z.string().optional(),
  /** A non-secret note, e.g. the redacted key or the file kept aside. */
  note: z.string().nullable(),
});

export const LicenseStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  instance: z
    .object({
      id: z.string(),
      basis: z.partialRecord(z.enum(FINGERPRINT_COMPONENTS), z.string()),
      seed: z.string().nullable(),
    })
    .nullable(),
  activation: z
    .object({
      /** The certificate: the activation code text, exactly as signed. */
      certificate: z.string(),
      /** Canonical key, needed to re-validate online; null after an offline activation. */
      licenseKey: z.string().nullable(),
      mode: z.enum(LICENSE_MODES),
      activatedAt: z.number(),
    })
    .nullable(),
  lastValidation: z.object({ at: z.number(), outcome, httpStatus: z.number().optional() }).nullable(),
  serverLicense: z
    .object({
      at: z.number(),
      status: z.string(),
      expiresAt: z.number().nullable(),
      /** null: unlimited. */
      activationLimit: z.number().nullable(),
      activationsUsed: z.number().nullable(),
      planName: z.string().nullable(),
      plugins: z.array(z.string()),
      /** The order's customer name, from the activation answer (validations keep it). */
      licensee: z.string().nullable().optional(),
    })
    .nullable(),
  /** The latest wall-clock time seen here, or the issue time of the last freshly signed certificate. */
  highestTimeSeen: z.number().nullable(),
  events: z.array(LicenseEventSchema),
  /** Set when an unreadable store was kept aside; cleared by the next successful activation. */
  recovery: z.object({ at: z.number(), hint: z.string(), keptAside: z.array(z.string()) }).nullable(),
  /**
   * Offline activation. Stores written before the app could activate offline lack the field, hence the default (no
   * STATE_VERSION bump: the change only adds).
   */
  offline: z
    .object({
      /** Canonical key of the last request code made here: an online-mode certificate activated offline re-validates with it. */
      requestKey: z.string().nullable(),
      /** The last offline deactivation code, shown again until the user dismisses it. */
      deactivation: z
        .object({ code: z.string(), at: z.number(), licenseId: z.number(), instanceId: z.string(), manualUrl: z.string() })
        .nullable(),
      /**
       * The request code waiting for its activation code, offered again after a reload or a restart until
       * an activation is stored or the user starts over. Absent in older stores.
       */
      request: z.object({ code: z.string(), at: z.number(), instanceId: z.string() }).nullable().default(null),
    })
    .default({ requestKey: null, deactivation: null, request: null }),
  /**
   * This machine's salted component hashes as last collected here, so start-up can decide before
   * the hardware answers (re-read in the background). Absent in older stores: collected at start.
   */
  fingerprint: z
    .object({ at: z.number(), hashes: z.partialRecord(z.enum(FINGERPRINT_COMPONENTS), z.string().nullable()) })
    .nullable()
    .default(null),
});

export type LicenseEvent = z.infer<typeof LicenseEventSchema>;
export type LicenseStateData = z.infer<typeof LicenseStateSchema>;
export type StoredActivation = NonNullable<LicenseStateData['activation']>;
export type ServerLicenseInfo = NonNullable<LicenseStateData['serverLicense']>;
export type PendingDeactivation = NonNullable<LicenseStateData['offline']['deactivation']>;
export type PendingRequest = NonNullable<LicenseStateData['offline']['request']>;

export function emptyLicenseState(): LicenseStateData {
  return {
    version: STATE_VERSION,
    instance: null,
    activation: null,
    lastValidation: null,
    serverLicense: null,
    highestTimeSeen: null,
    events: [],
    recovery: null,
    offline: { requestKey: null, deactivation: null, request: null },
    fingerprint: null,
  };
}

/** Appends to the ring, dropping the oldest beyond EVENT_LOG_SIZE. */
export function appendEvent(events: readonly LicenseEvent[], event: LicenseEvent): LicenseEvent[] {
  return [...events, event].slice(-EVENT_LOG_SIZE);
}
