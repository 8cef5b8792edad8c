import { z } from 'zod';
import { LICENSE_MODES } from '../../shared/license/certificate.ts';
import type { OrderSearch } from '../licensing/admin-orders.ts';
import type { PlanTerms } from '../storage/storage.ts';

/* Request bodies of the admin API (strict: unknown fields are errors). */

export const PlanBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  activation_limit: z.int().min(1).max(100).nullable(),
  expiry: z.strictObject({ value: z.int().min(1).max(1000), unit: z.enum(['days', 'months', 'years']) }).nullable(),
  mode: z.enum(LICENSE_MODES),
  plugins: z.array(z.string().min(1)).max(24).default([]),
  versions: z
    .strictObject({ min: z.int().min(0).max(63), max: z.int().min(1).max(63).nullable() })
    .default({ min: 0, max: null }),
  // Slot releases by the customer per rolling period; null = no cap, omitted = the default.
  release_limit: z.strictObject({ count: z.int().min(1).max(1000), days: z.int().min(1).max(3650) }).nullable().optional(),
});

export function planTerms(body: z.infer<typeof PlanBody>): PlanTerms {
  return {
    name: body.name,
    activationLimit: body.activation_limit,
    expiry: body.expiry,
    mode: body.mode,
    plugins: [...new Set(body.plugins)],
    versions: body.versions,
    releaseLimit: body.release_limit,
  };
}

const customerText = z.string().trim().min(1).max(200).nullable().default(null);

export const OrderBody = z.strictObject({
  plan_id: z.int().min(1),
  customer: z
    .strictObject({ email: z.email().max(254).nullable().default(null), name: customerText, reference: customerText })
    .default({ email: null, name: null, reference: null }),
});

// A payment system's retry key: printable ASCII, as the IETF draft and the big processors send it.
export const IdempotencyHeaders = z.looseObject({ 'idempotency-key': z.string().regex(/^[\x21-\x7e]{1,200}$/).optional() });

const count = (max: number) => z.string().regex(/^\d{1,4}$/).transform(Number).pipe(z.int().min(1).max(max));
const page = (defaultLimit: number) => ({ cursor: z.string().max(100).optional(), limit: count(100).default(defaultLimit) });

/** Which orders a list shows: sold ones by default, the app's free trials only when asked. */
export const ORDER_KINDS = ['paid', 'trial', 'all'] as const;

export const OrderQuery = z.strictObject({
  q: z.string().max(200).optional(),
  kind: z.enum(ORDER_KINDS).default('paid'),
  status: z.enum(['active', 'expired', 'deactivated']).optional(),
  plan: count(4095).optional(),
  expiring_within_days: count(3650).optional(),
  ...page(25),
});

export function orderSearch(query: z.infer<typeof OrderQuery>): OrderSearch {
  return {
    ...(query.q === undefined ? {} : { q: query.q }),
    ...(query.kind === 'all' ? {} : { kind: query.kind }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.plan === undefined ? {} : { planId: query.plan }),
    ...(query.expiring_within_days === undefined ? {} : { expiringWithinDays: query.expiring_within_days }),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    limit: query.limit,
  };
}

// 100 by default: a license rarely has more, and callers written before paging get them all.
export const PageQuery = z.strictObject(page(100));

export const LimitBody = z.strictObject({ activation_limit: z.int().min(1).max(100).nullable() });

export const ExpiryBody = z.strictObject({
  expires_at: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).nullable(),
});

/** Actions without parameters accept no body or an empty object. */
// Fastify hands a route without a body null.
export const EmptyBody = z.strictObject({}).nullish();

export const TestClockBody = z.strictObject({ offset_ms: z.int() });
