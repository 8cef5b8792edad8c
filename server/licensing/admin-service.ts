import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { generateLicenseKey, parseLicenseKey } from '../../shared/format/license-key.ts';
import { toCertificateHour, isLeasedMode } from '../../shared/license/certificate.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { encryptKey, hashSecret } from '../storage/key-crypto.ts';
import { NO_CUSTOMER, type LicenseRecord, type PlanTerms, type StorageOperations } from '../storage/storage.ts';
import { placeOrder } from './admin-orders.ts';
import type { LicensingContext } from './context.ts';
import { assertCertificateExpiry, checkedOrderExpiry } from './admin-expiry.ts';
import { formatInstant, trialTermsProblem } from './license-rules.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keyGroupsOf } from './key-groups.ts';
import { licenseCard } from './license-card.ts';
import { adminActivationView, planView } from './license-views.ts';
import { actorOf, auditedLicense, licenseTarget, recordAudit } from './audit.ts';

/*
 * What a vendor's admin does: plans, orders, and the license card's menu (regenerate, limit,
 * expiry, deactivate, activations, revoke). Shared by the admin HTTP routes and the CLI, so both
 * enforce the same rules.
 */

const MAX_PLAN_ID = 4095; // a certificate carries the plan id in 12 bits

/** Options for key generation; only the demo passes a deterministic source (see server/demo/). */
export interface OrderOptions {
  readonly randomBytes?: (n: number) => Uint8Array;
}

// The rules a plan's terms obey, whether the plan is new or edited.
function checkPlanTerms(ctx: LicensingContext, terms: PlanTerms): void {
  const catalog = pluginCatalog(ctx.productConfig);
  const unknown = terms.plugins.filter((id) => !catalog.includes(id));
  if (unknown.length > 0) {
    throw new KeyholeError('REQUEST_INVALID', `plugins not in the product's catalog: ${unknown.join(', ')} (known: ${catalog.join(', ')})`);
  }
  if (terms.versions.max !== null && terms.versions.max < terms.versions.min) {
    throw new KeyholeError('REQUEST_INVALID', 'versions.max must not be below versions.min');
  }
  const trialProblem = trialTermsProblem(terms);
  if (trialProblem !== null) throw new KeyholeError('REQUEST_INVALID', trialProblem);
  checkedOrderExpiry(terms.expiry, ctx.clock.now());
}

export async function createPlan(ctx: LicensingContext, terms: PlanTerms) {
  checkPlanTerms(ctx, terms);
  const plan = await ctx.storage.transaction(async (tx) => {
    const created = await tx.createPlan(terms, ctx.clock.now());
    if (created.id > MAX_PLAN_ID) throw new KeyholeError('REQUEST_INVALID', `at most ${MAX_PLAN_ID} plans`);
    await recordAudit(tx, ctx, { action: 'plan.create', planId: created.id, after: planView(created) });
    return created;
  });
  return planView(plan);
}

/**
 * New license settings for the plan's future orders. Licenses already sold keep the settings they
 * were sold with (each carries its own copy); a release limit left out stays as it was.
 */
export async function editPlan(ctx: LicensingContext, id: number, terms: PlanTerms) {
  checkPlanTerms(ctx, terms);
  const plan = await ctx.storage.transaction(async (tx) => {
    const current = await tx.findPlan(id);
    if (!current) throw new KeyholeError('NOT_FOUND', `no plan with id ${id}`);
    const updated = await tx.updatePlan(id, { ...terms, releaseLimit: terms.releaseLimit === undefined ? current.releaseLimit : terms.releaseLimit });
    if (updated) await recordAudit(tx, ctx, { action: 'plan.edit', planId: id, before: planView(current), after: planView(updated) });
    return updated;
  });
  if (!plan) throw new KeyholeError('NOT_FOUND', `no plan with id ${id}`);
  return planView(plan);
}

export const listPlans = async (ctx: LicensingContext) => (await ctx.storage.listPlans()).map(planView);

/** The product's plugin catalog, in catalog order: the plugins a plan may include. */
export const listPlugins = (ctx: LicensingContext) =>
  ctx.productConfig.plugins.map((plugin) => ({ id: plugin.id, name: plugin.name, description: plugin.description }));

/** An order without customer or retry key (the CLI's and the demo's); see admin-orders.ts placeOrder. */
export async function createOrder(ctx: LicensingContext, planId: number, options: OrderOptions = {}) {
  const placed = await placeOrder(ctx, { planId, customer: NO_CUSTOMER, idempotencyKey: null, ...options });
  return placed.license;
}

/** Finds a license by its id (digits) or its key (any accepted spelling). */
export async function resolveLicense(ctx: LicensingContext, ref: string): Promise<LicenseRecord> {
  const trimmed = ref.trim();
  const license = /^\d{1,10}$/.test(trimmed)
    ? await ctx.storage.findLicenseById(Number(trimmed))
    : await ctx.storage.findLicenseByKeyHash(hashSecret(parseLicenseKey(trimmed)));
  if (!license) throw new KeyholeError('NOT_FOUND', /^\d{1,10}$/.test(trimmed) ? await noLicenseWithId(ctx, Number(trimmed)) : 'no license has this key');
  return license;
}

// License ids are random and order numbers count up, so a small number is far more often an order
// number: say which license that order sold instead of only "not found".
async function noLicenseWithId(ctx: LicensingContext, id: number): Promise<string> {
  const order = await ctx.storage.findOrder(id);
  if (!order) return `no license with id ${id}`;
  return `no license with id ${id}; order ${id} sold license ${order.license.id} (a license is named by its license id or key)`;
}

export async function showLicense(ctx: LicensingContext, ref: string) {
  return licenseCard(ctx, await resolveLicense(ctx, ref));
}

/** A new key; the old key and every activation made with it stop working at once. */
export async function regenerateKey(ctx: LicensingContext, ref: string, options: OrderOptions = {}) {
  const license = await resolveLicense(ctx, ref);
  if (license.status === 'deactivated') throw new KeyholeError('LICENSE_DEACTIVATED', 'a deactivated license cannot get a new key');
  const key = generateLicenseKey(options.randomBytes);
  await changeLicense(ctx, license, 'license.regenerate', async (tx) => {
    await tx.replaceKey(license.id, hashSecret(key), encryptKey(key, ctx.secret), keyGroupsOf(key));
    const revoked = await tx.endAllActivations(license.id, ctx.clock.now(), 'revoked', actorOf(ctx));
    return { activations_revoked: revoked };
  });
  return showLicense(ctx, String(license.id));
}

/** null = unlimited. Lowering below the slots in use keeps them; only new activations are refused. */
export async function setActivationLimit(ctx: LicensingContext, ref: string, limit: number | null) {
  const license = await resolveLicense(ctx, ref);
  await changeLicense(ctx, license, 'license.limit', (tx) => tx.setActivationLimit(license.id, limit));
  return showLicense(ctx, String(license.id));
}

/**
 * null = never expires; a past date is allowed (ends a license now, or builds test fixtures); a
 * date a certificate cannot carry is REQUEST_INVALID.
 */
export async function setExpiry(ctx: LicensingContext, ref: string, expiresAt: number | null) {
  const license = await resolveLicense(ctx, ref);
  const stored = expiresAt === null ? null : toCertificateHour(expiresAt);
  if (stored !== null) assertCertificateExpiry(stored);
  await changeLicense(ctx, license, 'license.expiry', (tx) => tx.setExpiry(license.id, stored));
  return showLicense(ctx, String(license.id));
}

/** Irreversible: the key stops activating and validating; the activation history is kept. */
export async function deactivateLicense(ctx: LicensingContext, ref: string) {
  const license = await resolveLicense(ctx, ref);
  await changeLicense(ctx, license, 'license.deactivate', (tx) => tx.deactivateLicense(license.id, ctx.clock.now()));
  return showLicense(ctx, String(license.id));
}

export async function listActivations(ctx: LicensingContext, ref: string) {
  const license = await resolveLicense(ctx, ref);
  return (await ctx.storage.listActivations(license.id)).map(adminActivationView);
}

/** One page of a license's activations, oldest first; `next_cursor` is null on the last page. */
export async function pageActivations(ctx: LicensingContext, ref: string, page: { readonly cursor?: string; readonly limit: number }) {
  const license = await resolveLicense(ctx, ref);
  const after = page.cursor === undefined ? 0 : decodeCursor(page.cursor);
  const found = await ctx.storage.listActivationsPage(license.id, after, page.limit + 1);
  const shown = found.slice(0, page.limit);
  const last = shown.at(-1);
  return { activations: shown.map(adminActivationView), next_cursor: found.length > page.limit && last ? encodeCursor(last.id) : null };
}

/**
 * Frees one slot; that instance's next validate answers ACTIVATION_REVOKED. An air-gapped or
 * offline certificate carries no lease and its machine never validates, so the answer says so.
 */
export async function revokeActivation(ctx: LicensingContext, ref: string, activationId: number) {
  const license = await resolveLicense(ctx, ref);
  const activation = await ctx.storage.transaction(async (tx) => {
    await tx.findLicenseById(license.id); // the lock: serialized with the license's other rules
    const activation = await tx.findActivation(activationId);
    if (!activation || activation.licenseId !== license.id) {
      throw new KeyholeError('NOT_FOUND', `license ${license.id} has no activation ${activationId}`);
    }
    if (activation.endedAt !== null) {
      throw new KeyholeError('NOT_FOUND', `activation ${activationId} was already ${activation.endReason}`);
    }
    await tx.endActivation(activation.id, ctx.clock.now(), 'revoked', actorOf(ctx));
    const ended = adminActivationView((await tx.findActivation(activation.id)) ?? activation);
    await recordAudit(tx, ctx, {
      action: 'activation.revoke',
      ...licenseTarget(license),
      before: { activation_id: activation.id, instance_id: activation.instanceId, status: 'active' },
      after: { activation_id: activation.id, instance_id: activation.instanceId, status: ended.status },
    });
    return ended;
  });
  const warning = neverChecksInWarning(license);
  return { activation, ...(warning === undefined ? {} : { warning }) };
}

function neverChecksInWarning(license: LicenseRecord): string | undefined {
  if (isLeasedMode(license.plan.mode)) return undefined;
  const until = license.expiresAt === null ? 'for good, because this license never expires' : `until the license expires on ${formatInstant(license.expiresAt)}`;
  const machine = license.plan.mode === 'airgapped' ? 'air-gapped' : 'offline';
  return `The slot is free, but the ${machine} machine that held it never checks in with the authority: it keeps working ${until}.`;
}

/**
 * Runs one change of a license's own fields under its row lock and records it: the fields before
 * and after as the audit log shows them, plus whatever `change` answers (e.g. how many activations
 * a regeneration ended).
 */
async function changeLicense(
  ctx: LicensingContext,
  license: LicenseRecord,
  action: string,
  change: (tx: StorageOperations) => Promise<object | void>,
): Promise<void> {
  await ctx.storage.transaction(async (tx) => {
    const before = (await tx.findLicenseById(license.id)) ?? license;
    const extra = await change(tx);
    const after = (await tx.findLicenseById(license.id)) ?? before;
    await recordAudit(tx, ctx, {
      action,
      ...licenseTarget(before),
      before: auditedLicense(before, ctx.secret),
      after: { ...auditedLicense(after, ctx.secret), ...(extra ?? {}) },
    });
  });
}
