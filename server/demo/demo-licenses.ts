import { createHash } from 'node:crypto';
import { generateLicenseKey } from '../../shared/format/license-key.ts';
import { instanceIdFromDigest } from '../../shared/format/instance-id.ts';
import type { LicensingContext } from '../licensing/context.ts';
import * as admin from '../licensing/admin-service.ts';
import { activate } from '../licensing/public-service.ts';
import { hashSecret } from '../storage/key-crypto.ts';
import type { PlanTerms } from '../storage/storage.ts';

/*
 * The demo licenses: one per path a newcomer (and the app's E2E tests) should be able to walk.
 *
 * !!! DEMO ONLY !!! The demo keys are derived from their names with SHA-256, so they are the same on
 * every run and the README can list them. Anyone can compute them. Nothing outside server/demo/
 * may use `demoKeyBytes`; real orders always draw keys from the system's secure random source.
 */

const DAY = 86_400_000;

export interface DemoKey {
  readonly name: string;
  readonly key: string;
  readonly description: string;
}

/** Deterministic "random" bytes for one demo key. DEMO ONLY, see the top of this file. */
function demoKeyBytes(name: string): (n: number) => Uint8Array {
  return (n) => new Uint8Array(createHash('sha256').update(`keyhole-demo-key:${name}`).digest()).slice(0, n);
}

const PLANS = {
  pro: { name: 'Studio Pro', activationLimit: 5, expiry: { value: 1, unit: 'years' }, mode: 'online', plugins: ['reports', 'sync', 'scripting', 'audit'], versions: { min: 0, max: null } },
  airgapped: { name: 'Air-gapped', activationLimit: 3, expiry: null, mode: 'airgapped', plugins: ['reports', 'sync', 'scripting', 'audit', 'sso', 'export-pro'], versions: { min: 0, max: null } },
  single: { name: 'Single Seat', activationLimit: 1, expiry: null, mode: 'online', plugins: ['reports', 'sync'], versions: { min: 0, max: null } },
  starter: { name: 'Starter', activationLimit: null, expiry: null, mode: 'online', plugins: ['reports'], versions: { min: 0, max: null } },
  offline: { name: 'Offline Site', activationLimit: 2, expiry: null, mode: 'offline', plugins: ['reports', 'audit', 'export-pro'], versions: { min: 0, max: null } },
  // The product config's trialPlan: "Start free trial" in the app, 14 days of two plugins.
  trial: { name: 'Studio Trial', activationLimit: 1, expiry: { value: 14, unit: 'days' }, mode: 'trial', plugins: ['reports', 'scripting'], versions: { min: 0, max: null } },
} as const satisfies Record<string, PlanTerms>;

type PlanName = keyof typeof PLANS;

const DEMO_LICENSES: readonly { name: string; plan: PlanName; description: string; setup?: (ctx: LicensingContext, licenseId: string) => Promise<unknown> }[] = [
  { name: 'online', plan: 'pro', description: 'Valid online license, 5 activations, 4 plugins, expires in a year' },
  { name: 'airgapped', plan: 'airgapped', description: 'Valid air-gapped license: one online activation, then works offline; every plugin' },
  {
    name: 'expired',
    plan: 'pro',
    description: 'Expired yesterday (LICENSE_EXPIRED)',
    setup: (ctx, id) => admin.setExpiry(ctx, id, ctx.clock.now() - DAY),
  },
  { name: 'deactivated', plan: 'pro', description: 'Deactivated by the vendor (LICENSE_DEACTIVATED)', setup: (ctx, id) => admin.deactivateLicense(ctx, id) },
  {
    name: 'limit-reached',
    plan: 'single',
    description: 'Limit 1, already used by another machine (ACTIVATION_LIMIT_REACHED)',
    setup: async (ctx, id) => {
      const otherMachine = instanceIdFromDigest(new Uint8Array(createHash('sha256').update('keyhole-demo-other-machine').digest()));
      const licenseKey = (await admin.showLicense(ctx, id)).key;
      await activate(ctx, {
        licenseKey,
        instanceId: otherMachine,
        instanceName: 'Other workstation',
        fingerprint: { machineId: 1, systemUuid: 2, baseboardSerial: 3, diskSerial: 4, cpu: 5, mac: 6 },
        metadata: { os: 'Windows 11', app_version: '1.0.0' },
      });
    },
  },
  { name: 'few-plugins', plan: 'starter', description: 'Valid online, unlimited activations, only the Reports plugin' },
  { name: 'offline-only', plan: 'offline', description: 'Offline-only plan: online activation answers OFFLINE_ONLY_PLAN' },
];

/** Creates whatever demo plans and licenses are missing (a reused data dir keeps what it has). */
export async function seedDemoLicenses(ctx: LicensingContext): Promise<DemoKey[]> {
  const planIds = new Map<PlanName, number>();
  for (const [name, terms] of Object.entries(PLANS) as [PlanName, PlanTerms][]) {
    const existing = (await ctx.storage.listPlans()).find((plan) => plan.name === terms.name);
    planIds.set(name, existing?.id ?? (await admin.createPlan(ctx, terms)).id);
  }
  const keys: DemoKey[] = [];
  for (const demo of DEMO_LICENSES) {
    const randomBytes = demoKeyBytes(demo.name);
    const existing = await ctx.storage.findLicenseByKeyHash(hashSecret(generateLicenseKey(randomBytes)));
    if (!existing) {
      const license = await admin.createOrder(ctx, planIds.get(demo.plan) as number, { randomBytes });
      await demo.setup?.(ctx, String(license.id));
    }
    keys.push({ name: demo.name, key: generateLicenseKey(randomBytes), description: demo.description });
  }
  return keys;
}
