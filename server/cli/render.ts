import type { adminActivationView, adminLicenseView, listedLicenseView, orderView, planView } from '../licensing/license-views.ts';

/* Human-readable renderings of API views for the CLI (the --json output is the views themselves). */

type PlanView = ReturnType<typeof planView>;
type LicenseView = ReturnType<typeof adminLicenseView>;
type ActivationView = ReturnType<typeof adminActivationView>;
type OrderView = ReturnType<typeof orderView<LicenseView>>;
type ListedOrderView = ReturnType<typeof orderView<ReturnType<typeof listedLicenseView>>>;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// Control, format (bidi overrides, zero-width), separator, private-use, unassigned and lone
// surrogate code points, plus the backslash so an escape in the output is never ambiguous.
const NON_PRINTABLE = /[\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu;
// As NON_PRINTABLE but without the backslash, which JSON already escapes, and without the line
// feed, which JSON.stringify writes only between values (inside a string it is already \n).
const JSON_UNSAFE = /(?!\n)[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu;
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

/**
 * JSON for a terminal or a script: the same value once parsed, but every character `printable`
 * would escape is written as a \\u escape, so `--json` output cannot reorder or hide text either.
 *
 * @example
 * printableJson({ name: 'Office \u202ePC' }) // '{"name":"Office \\u202ePC"}'
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (ch) =>
    Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
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
    // The number after "License" is what `license …` commands take; the order number is `order show`'s.
    `License ${license.id}`,
    `  Order:        ${license.order_id}`,
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
      const ended = a.ended_at === null ? a.status : `${a.status} ${a.ended_at}${a.ended_by === null ? '' : ` by ${printable(a.ended_by)}`}`;
      return `#${a.id} ${printable(a.instance_id)} ${name} — ${ended}, last seen ${a.last_seen_at}${meta ? ` — ${meta}` : ''}`;
    })
    .join('\n');
}

const trialTag = (order: { readonly kind: string }) => (order.kind === 'trial' ? ' (trial)' : '');

function describeCustomer(customer: OrderView['customer']): string {
  const parts = [customer.name, customer.email === null ? null : `<${customer.email}>`, customer.reference === null ? null : `ref ${customer.reference}`];
  const known = parts.filter((part): part is string => part !== null);
  return known.length === 0 ? '(no customer)' : printable(known.join(' '));
}

export function describeOrder(order: OrderView): string {
  return [`Order ${order.id}${trialTag(order)}, ${order.created_at}`, `  Customer:     ${describeCustomer(order.customer)}`, describeLicense(order.license)].join('\n');
}

export function describeOrderList(orders: readonly ListedOrderView[], nextCursor: string | null): string {
  if (orders.length === 0) return 'No orders match.';
  const lines = orders.map((o) => {
    const l = o.license;
    return `Order ${o.id}${trialTag(o)}  ${describeCustomer(o.customer)}  license ${l.id} ${l.key_redacted}  ${capitalize(l.status)}, ${l.expiry_text}, ${l.activations_text}`;
  });
  if (nextCursor !== null) lines.push(`More: add --cursor ${nextCursor}`);
  return lines.join('\n');
}
