import type { activationView, adminLicenseView, planView } from '../licensing/license-views.ts';

/* Human-readable renderings of API views for the CLI (the --json output is the views themselves). */

type PlanView = ReturnType<typeof planView>;
type LicenseView = ReturnType<typeof adminLicenseView>;
type ActivationView = ReturnType<typeof activationView>;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// Control, format (bidi overrides, zero-width), separator, private-use, unassigned and lone
// surrogate code points, plus the backslash so an escape in the output is never ambiguous.
const NON_PRINTABLE = /[\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu;
const NAMED: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Stored text (names, labels, metadata) as it may reach a terminal: anything that is not a
 * printable character becomes a visible escape, so a stored value can neither move the cursor,
 * recolour the screen, reorder the line nor fake a second line of output.
 *
 * @example
 * printable('Laptop\x1b[2J') // "Laptop\\x1b[2J"
 */
export function printable(text: string): string {
  return text.replace(NON_PRINTABLE, (ch) => {
    const code = ch.codePointAt(0) as number;
    return NAMED[ch] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`);
  });
}

export function describePlan(plan: PlanView): string {
  const limit = plan.activation_limit === null ? 'unlimited activations' : `${plan.activation_limit} activations`;
  const expiry = plan.expiry === null ? 'never expires' : `expires ${plan.expiry.value} ${plan.expiry.value === 1 ? plan.expiry.unit.slice(0, -1) : plan.expiry.unit} after the order`;
  const versions = plan.versions.max === null ? `v${plan.versions.min}+` : `v${plan.versions.min}–${plan.versions.max}`;
  const plugins = plan.plugins.length === 0 ? 'no plugins' : printable(plan.plugins.join(', '));
  const releases = plan.release_limit === null ? 'no release cap' : `${plan.release_limit.count} release${plan.release_limit.count === 1 ? '' : 's'} per ${plan.release_limit.days} days`;
  return `#${plan.id} ${printable(plan.name)}: ${plan.mode}, ${limit}, ${expiry}, ${versions}, ${plugins}, ${releases}`;
}

export function describeLicense(license: LicenseView): string {
  return [
    `License ${license.id} (order ${license.order_id})`,
    `  Key:          ${license.key}`,
    `  Status:       ${capitalize(license.status)}`,
    `  Plan:         ${printable(license.plan.name)} (${license.plan.mode})`,
    `  Plugins:      ${printable(license.plugins.join(', ')) || 'none'}`,
    `  Expiry:       ${license.expiry_text}`,
    `  Activations:  ${license.activations_text}`,
  ].join('\n');
}

export function describeActivations(activations: readonly ActivationView[]): string {
  if (activations.length === 0) return 'No activations.';
  return activations
    .map((a) => {
      const meta = Object.entries(a.metadata).map(([k, v]) => `${printable(k)}=${printable(v)}`).join(' ');
      const name = a.instance_name === null ? '(unnamed)' : printable(a.instance_name);
      return `#${a.id} ${printable(a.instance_id)} ${name} — ${a.status}, last seen ${a.last_seen_at}${meta ? ` — ${meta}` : ''}`;
    })
    .join('\n');
}
