import { redactLicenseKey } from '../../shared/format/license-key.ts';
import type { ActivationRecord, LicenseRecord, OrderRecord, PlanRecord } from '../storage/storage.ts';
import { effectiveStatus, formatInstant } from './license-rules.ts';

/*
 * The JSON shapes the API answers with (snake_case, ISO 8601 times). The admin view adds the key
 * and the two lines an order page shows ("Never expires", "2/5 activations").
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function licenseView(license: LicenseRecord, activationsUsed: number, now: number) {
  return {
    id: license.id,
    status: effectiveStatus(license, now),
    expires_at: iso(license.expiresAt),
    activation_limit: license.activationLimit,
    activations_used: activationsUsed,
    plan: {
      id: license.plan.id,
      name: license.plan.name,
      mode: license.plan.mode,
      versions: { min: license.plan.versions.min, max: license.plan.versions.max },
    },
    plugins: [...license.plan.plugins],
  };
}

export function adminLicenseView(license: LicenseRecord, key: string, activationsUsed: number, now: number) {
  return {
    ...licenseView(license, activationsUsed, now),
    key,
    order_id: license.orderId,
    created_at: iso(license.createdAt),
    deactivated_at: iso(license.deactivatedAt),
    expiry_text: license.expiresAt === null ? 'Never expires' : formatInstant(license.expiresAt),
    activations_text:
      license.activationLimit === null
        ? `${activationsUsed}/Unlimited`
        : `${activationsUsed}/${license.activationLimit} activations`,
  };
}

/** An order with the license it sold; `license` is the full card or, in lists, the card with the key redacted. */
export function orderView<License>(order: OrderRecord, license: License) {
  return {
    id: order.id,
    kind: order.kind,
    created_at: iso(order.createdAt),
    plan_id: order.planId,
    customer: { email: order.customer.email, name: order.customer.name, reference: order.customer.reference },
    license,
  };
}

/** The card as a list shows it: everything but the key, which is cut to its first and last groups. */
export function listedLicenseView(card: ReturnType<typeof adminLicenseView>) {
  const { key, ...rest } = card;
  return { ...rest, key_redacted: redactLicenseKey(key) };
}

export function activationView(activation: ActivationRecord) {
  return {
    id: activation.id,
    instance_id: activation.instanceId,
    instance_name: activation.instanceName,
    created_at: iso(activation.createdAt),
    last_seen_at: iso(activation.lastSeenAt),
    status: activation.endReason ?? 'active',
    ended_at: iso(activation.endedAt),
    metadata: { ...activation.metadata },
  };
}

/**
 * What the vendor sees of an activation: also who ended it (`ended_by`, see ActivationRecord.endedBy).
 * The device's own answers leave it out: it names the vendor's staff.
 */
export function adminActivationView(activation: ActivationRecord) {
  return { ...activationView(activation), ended_by: activation.endedBy };
}

export function planView(plan: PlanRecord) {
  return {
    id: plan.id,
    name: plan.name,
    activation_limit: plan.activationLimit,
    expiry: plan.expiry && { value: plan.expiry.value, unit: plan.expiry.unit },
    mode: plan.mode,
    plugins: [...plan.plugins],
    versions: { min: plan.versions.min, max: plan.versions.max },
    release_limit: plan.releaseLimit && { count: plan.releaseLimit.count, days: plan.releaseLimit.days },
    created_at: iso(plan.createdAt),
  };
}
