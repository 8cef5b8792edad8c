import { redactLicenseKey } from '../../shared/format/license-key.ts';
import { decryptKey } from '../storage/key-crypto.ts';
import type { AuditEventRecord, LicenseRecord, StorageOperations } from '../storage/storage.ts';

/*
 * The audit log: who changed what, before → after, when, and in which request. Every change is
 * recorded by `recordAudit` inside the change's own transaction, so a change without its event (or
 * an event for a change that rolled back) cannot happen. It is the one way in: the admin API, the
 * console, the CLI and the customer's own slot releases all call it.
 */

/** Who is acting and in which request: carried by the LicensingContext of the call. */
export interface AuditSource {
  /** `token:<label>`, `console:<email>`, `cli:<os user>`, `customer`, or `authority` for the server itself. */
  readonly actor: string;
  readonly requestId: string | null;
}

/** What the authority records when nobody named themselves (the demo's seed data, start-up). */
export const AUTHORITY_SOURCE: AuditSource = { actor: 'authority', requestId: null };

export interface AuditChange {
  /** A dotted verb: `license.limit`, `order.create`, `token.revoke`, … */
  readonly action: string;
  readonly licenseId?: number | null;
  readonly orderId?: number | null;
  readonly planId?: number | null;
  /** The changed fields before and after, as plain JSON values; omitted for a creation or a removal. */
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Who acts and what time it is: a LicensingContext, or the same two for code that runs before one exists. */
export interface AuditActor {
  readonly source?: AuditSource;
  readonly clock: { now(): number };
}

/** How the audit log names a console user. */
export const consoleActor = (email: string): string => `console:${email}`;

/** How the audit log names whoever acts: also what an activation they end records as `endedBy`. */
export const actorOf = (by: AuditActor): string => (by.source ?? AUTHORITY_SOURCE).actor;

/**
 * Records one change; call it with the transaction's handle, inside the transaction that makes the change.
 *
 * @example
 * await ctx.storage.transaction(async (tx) => {
 *   await tx.setActivationLimit(id, 5);
 *   await recordAudit(tx, ctx, { action: 'license.limit', licenseId: id, before: { activation_limit: 2 }, after: { activation_limit: 5 } });
 * });
 */
export async function recordAudit(tx: StorageOperations, by: AuditActor, change: AuditChange): Promise<void> {
  const source = by.source ?? AUTHORITY_SOURCE;
  await tx.addAuditEvent({
    at: by.clock.now(),
    actor: actorOf(by),
    action: change.action,
    licenseId: change.licenseId ?? null,
    orderId: change.orderId ?? null,
    planId: change.planId ?? null,
    before: change.before === undefined ? null : JSON.stringify(change.before),
    after: change.after === undefined ? null : JSON.stringify(change.after),
    requestId: source.requestId,
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The license fields a vendor changes, as the audit log shows them; the key only redacted. */
export function auditedLicense(license: LicenseRecord, secret: Uint8Array) {
  return {
    status: license.status,
    expires_at: iso(license.expiresAt),
    activation_limit: license.activationLimit,
    key_redacted: redactLicenseKey(decryptKey(license.keyCiphertext, secret)),
  };
}

/** Where a license's event points: the license, its order and its plan. */
export const licenseTarget = (license: LicenseRecord) => ({ licenseId: license.id, orderId: license.orderId, planId: license.plan.id });

const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function auditEventView(event: AuditEventRecord) {
  return {
    id: event.id,
    at: new Date(event.at).toISOString(),
    actor: event.actor,
    action: event.action,
    license_id: event.licenseId,
    order_id: event.orderId,
    plan_id: event.planId,
    before: parsed(event.before),
    after: parsed(event.after),
    request_id: event.requestId,
  };
}
