import type { activationView, adminLicenseView, planView } from '../licensing/license-views.ts';

/* Human-readable renderings of API views for the CLI (the --json output is the views themselves). */

type PlanView = ReturnType<typeof planView>;
type LicenseView = ReturnType<typeof adminLicenseView>;
type ActivationView = ReturnType<typeof activationView>;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function describePlan(plan: PlanView): string {
  const limit = plan.activation_limit === null ? 'unlimited activations' : `${plan.activation_limit} activations`;
  const expiry = plan.expiry === null ? 'never expires' : `expires ${plan.expiry.value} ${plan.expiry.value === 1 ? plan.expiry.unit.slice(0, -1) : plan.expiry.unit} after the order`;
  const versions = plan.versions.max === null ? `v${plan.versions.min}+` : `v${plan.versions.min}–${plan.versions.max}`;
  const plugins = plan.plugins.length === 0 ? 'no plugins' : plan.plugins.join(', ');
  return `#${plan.id} ${plan.name}: ${plan.mode}, ${limit}, ${expiry}, ${versions}, ${plugins}`;
}

export function describeLicense(license: LicenseView): string {
  return [
    `License ${license.id} (order ${license.order_id})`,
    `  Key:          ${license.key}`,
    `  Status:       ${capitalize(license.status)}`,
    `  Plan:         ${license.plan.name} (${license.plan.mode})`,
    `  Plugins:      ${license.plugins.join(', ') || 'none'}`,
    `  Expiry:       ${license.expiry_text}`,
    `  Activations:  ${license.activations_text}`,
  ].join('\n');
}

export function describeActivations(activations: readonly ActivationView[]): string {
  if (activations.length === 0) return 'No activations.';
  return activations
    .map((a) => {
      const meta = Object.entries(a.metadata).map(([k, v]) => `${k}=${v}`).join(' ');
      const name = a.instance_name ?? '(unnamed)';
      return `#${a.id} ${a.instance_id} ${name} — ${a.status}, last seen ${a.last_seen_at}${meta ? ` — ${meta}` : ''}`;
    })
    .join('\n');
}
