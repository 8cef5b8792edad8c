import { z } from 'zod/mini';
import { ERROR_CODES } from '../../shared/errors/catalog.ts';
import { LICENSE_MODES } from '../../shared/license/certificate.ts';
import { FINGERPRINT_COMPONENTS } from '../../shared/license/fingerprint.ts';

/*
 * What the encrypted store holds, as a schema: a decrypted file that does not fit it is treated
 * like a damaged one (kept aside, STORE_UNREADABLE), never half-used. Bump STATE_VERSION with a
 * migration when the shape changes. zod/mini's schema, like the product config's: it is built and
 * parsed while the host app starts (shared/product/config.ts says why).
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
  httpStatus: z.nullable(z.number()),
  latencyMs: z.nullable(z.number()),
  /** The authority's id for the request (its log line), when it answered; absent in older stores. */
  requestId: z.optional(z.string()),
  /** A non-secret note, e.g. the redacted key or the file kept aside. */
  note: z.nullable(z.string()),
});

export const LicenseStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  instance: z.nullable(
    z.object({
      id: z.string(),
      basis: z.partialRecord(z.enum(FINGERPRINT_COMPONENTS), z.string()),
      seed: z.nullable(z.string()),
    }),
  ),
  activation: z.nullable(
    z.object({
      /** The certificate: the activation code text, exactly as signed. */
      certificate: z.string(),
      /** Canonical key, needed to re-validate online; null after an offline activation. */
      licenseKey: z.nullable(z.string()),
      mode: z.enum(LICENSE_MODES),
      activatedAt: z.number(),
    }),
  ),
  lastValidation: z.nullable(z.object({ at: z.number(), outcome, httpStatus: z.optional(z.number()) })),
  serverLicense: z.nullable(
    z.object({
      at: z.number(),
      status: z.string(),
      expiresAt: z.nullable(z.number()),
      /** null: unlimited. */
      activationLimit: z.nullable(z.number()),
      activationsUsed: z.nullable(z.number()),
      planName: z.nullable(z.string()),
      plugins: z.array(z.string()),
      /** The order's customer name, from the activation answer (validations keep it). */
      licensee: z.optional(z.nullable(z.string())),
    }),
  ),
  /** The latest wall-clock time seen here, or the issue time of the last freshly signed certificate. */
  highestTimeSeen: z.nullable(z.number()),
  events: z.array(LicenseEventSchema),
  /** Set when an unreadable store was kept aside; cleared by the next successful activation. */
  recovery: z.nullable(z.object({ at: z.number(), hint: z.string(), keptAside: z.array(z.string()) })),
  /**
   * Offline activation. Stores written before the app could activate offline lack the field, hence the default (no
   * STATE_VERSION bump: the change only adds).
   */
  offline: z._default(
    z.object({
      /** Canonical key of the last request code made here: an online-mode certificate activated offline re-validates with it. */
      requestKey: z.nullable(z.string()),
      /** The last offline deactivation code, shown again until the user dismisses it. */
      deactivation: z.nullable(z.object({ code: z.string(), at: z.number(), licenseId: z.number(), instanceId: z.string(), manualUrl: z.string() })),
      /**
       * The request code waiting for its activation code, offered again after a reload or a restart until
       * an activation is stored or the user starts over. Absent in older stores.
       */
      request: z._default(z.nullable(z.object({ code: z.string(), at: z.number(), instanceId: z.string() })), null),
    }),
    { requestKey: null, deactivation: null, request: null },
  ),
  /**
   * This machine's salted component hashes as last collected here, so start-up can decide before
   * the hardware answers (re-read in the background). Absent in older stores: collected at start.
   */
  fingerprint: z._default(
    z.nullable(z.object({ at: z.number(), hashes: z.partialRecord(z.enum(FINGERPRINT_COMPONENTS), z.nullable(z.string())) })),
    null,
  ),
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
