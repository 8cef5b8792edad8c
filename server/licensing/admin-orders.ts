import { randomInt } from 'node:crypto';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { encryptKey, hashSecret } from '../storage/key-crypto.ts';
import type { Customer, OrderKind, OrderMatch, OrderStatusFilter, OrderWithLicense } from '../storage/storage.ts';
import { checkedOrderExpiry } from './admin-expiry.ts';
import type { LicensingContext } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keyFromSearchText, keyGroupsOf } from './key-groups.ts';
import { auditedLicense, licenseTarget, recordAudit } from './audit.ts';
import { licenseCard } from './license-card.ts';
import { listedLicenseView, orderView } from './license-views.ts';

/*
 * Orders: placing one (idempotent, because payment webhooks retry), showing one, and the search
 * support uses to find one from whatever the customer sent: an email, a name, an order number, the
 * shop's reference, a key as a bundle shows it, or an Instance ID.
 */

export interface OrderRequest {
  readonly planId: number;
  readonly customer: Customer;
  /** The Idempotency-Key header; without it the customer's reference makes the retry key. */
  readonly idempotencyKey: string | null;
  /** Only the demo passes a deterministic source (see server/demo/). */
  readonly randomBytes?: (n: number) => Uint8Array;
}

/** `created: false` when this is a retry of an order placed before: the same order and key, no second license. */
export async function placeOrder(ctx: LicensingContext, request: OrderRequest) {
  const earlier = await findRetried(ctx, request);
  if (earlier) return { created: false, ...(await fullOrder(ctx, earlier)) };
  const plan = await ctx.storage.findPlan(request.planId);
  if (!plan) throw new KeyholeError('NOT_FOUND', `no plan with id ${request.planId}`);
  const now = ctx.clock.now();
  const expiresAt = checkedOrderExpiry(plan.expiry, now);
  const key = generateLicenseKey(request.randomBytes);
  const snapshot = { id: plan.id, name: plan.name, mode: plan.mode, plugins: plan.plugins, versions: plan.versions, releaseLimit: plan.releaseLimit };
  for (;;) {
    let license;
    try {
      license = await ctx.storage.transaction(async (tx) => {
        const made = await tx.createOrder(
          plan.id,
          {
            id: randomInt(1, 2 ** 32 - 1),
            keyHash: hashSecret(key),
            keyCiphertext: encryptKey(key, ctx.secret),
            expiresAt,
            activationLimit: plan.activationLimit,
            plan: snapshot,
            createdAt: now,
          },
          { customer: request.customer, idempotencyKey: request.idempotencyKey, keyGroups: keyGroupsOf(key) },
        );
        if (made === 'id-taken') return made;
        const after = { customer: request.customer, ...auditedLicense(made, ctx.secret) };
        await recordAudit(tx, ctx, { action: 'order.create', ...licenseTarget(made), after });
        return made;
      });
    } catch (error) {
      // Two deliveries of the same webhook at once: the database let one in; answer the other with it.
      const winner = await findRetried(ctx, request);
      if (winner) return { created: false, ...(await fullOrder(ctx, winner)) };
      throw error;
    }
    if (license === 'id-taken') continue;
    const created = await ctx.storage.findOrder(license.orderId);
    return { created: true, ...(await fullOrder(ctx, created as OrderWithLicense)) };
  }
}

async function findRetried(ctx: LicensingContext, request: OrderRequest): Promise<OrderWithLicense | undefined> {
  if (request.idempotencyKey === null && request.customer.reference === null) return undefined;
  const earlier = await ctx.storage.findOrderByRetryKey(request.idempotencyKey, request.customer.reference);
  if (!earlier) return undefined;
  const { customer, planId } = earlier.order;
  if (planId !== request.planId || customer.email !== request.customer.email || customer.reference !== request.customer.reference) {
    const by = request.idempotencyKey !== null && earlier.order.idempotencyKey === request.idempotencyKey ? 'this Idempotency-Key' : 'this customer reference';
    throw new KeyholeError('REQUEST_INVALID', `order ${earlier.order.id} was placed with ${by} for another plan or customer; a retry must send the same order`);
  }
  return earlier;
}

async function fullOrder(ctx: LicensingContext, found: OrderWithLicense) {
  const license = await licenseCard(ctx, found.license);
  return { order: orderView(found.order, license), license };
}

/** One order by its number, with the full license card. */
export async function showOrder(ctx: LicensingContext, orderId: number) {
  const found = await ctx.storage.findOrder(orderId);
  if (!found) throw new KeyholeError('NOT_FOUND', `no order ${orderId}`);
  return (await fullOrder(ctx, found)).order;
}

export interface OrderSearch {
  readonly q?: string;
  /** Omitted = paid orders and trials alike. */
  readonly kind?: OrderKind;
  readonly status?: OrderStatusFilter;
  readonly planId?: number;
  readonly expiringWithinDays?: number;
  readonly cursor?: string;
  readonly limit: number;
}

const DAY_MS = 86_400_000;

/** Newest first, one page; `next_cursor` asks for the page after (null on the last). */
export async function searchOrders(ctx: LicensingContext, search: OrderSearch) {
  const now = ctx.clock.now();
  const found = await ctx.storage.searchOrders({
    ...(search.q === undefined || search.q.trim() === '' ? {} : { match: matchFor(search.q) }),
    ...(search.planId === undefined ? {} : { planId: search.planId }),
    ...(search.kind === undefined ? {} : { kind: search.kind }),
    ...(search.status === undefined ? {} : { status: search.status }),
    ...(search.expiringWithinDays === undefined ? {} : { expiresBy: now + search.expiringWithinDays * DAY_MS }),
    ...(search.cursor === undefined ? {} : { beforeOrderId: decodeCursor(search.cursor) }),
    now,
    limit: search.limit + 1,
  });
  const page = found.slice(0, search.limit);
  const orders = await Promise.all(page.map(async (o) => orderView(o.order, listedLicenseView(await licenseCard(ctx, o.license)))));
  const last = page.at(-1);
  return { orders, next_cursor: found.length > search.limit && last ? encodeCursor(last.order.id) : null };
}

/** Every reading of a search text at once: an order matching any of them is found. */
export function matchFor(q: string): OrderMatch {
  const text = q.trim();
  const key = keyFromSearchText(text);
  return {
    textPrefix: text.toLowerCase(),
    reference: text,
    instanceId: text,
    ...(/^\d{1,15}$/.test(text) ? { orderId: Number(text) } : {}),
    ...(key && 'key' in key ? { keyHash: hashSecret(key.key), keyGroups: keyGroupsOf(key.key) } : {}),
    ...(key && 'groups' in key ? { keyGroups: key.groups } : {}),
  };
}
