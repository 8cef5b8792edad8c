/* How the console words values: plain functions, tested without a browser. */

export type ExpiryUnit = 'days' | 'months' | 'years';

export function activationLimitText(limit: number | null): string {
  return limit === null ? 'Unlimited' : `${limit} ${limit === 1 ? 'activation' : 'activations'}`;
}

export function expiryText(expiry: { readonly value: number; readonly unit: ExpiryUnit } | null): string {
  if (expiry === null) return 'Never expires';
  const unit = expiry.value === 1 ? expiry.unit.slice(0, -1) : expiry.unit;
  return `${expiry.value} ${unit} after purchase`;
}

export function versionsText(versions: { readonly min: number; readonly max: number | null }): string {
  if (versions.max === null) return versions.min === 0 ? 'All versions' : `${versions.min} and later`;
  return versions.min === versions.max ? `${versions.min} only` : `${versions.min} to ${versions.max}`;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 2 days", "just now": the largest whole unit. */
export function relativeTime(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(Math.trunc(diff / ms), unit);
  }
  return 'just now';
}

/** The exact local time for a title attribute or a table cell. */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A key with its middle groups hidden: `KH-M57YF-•••••-•••••-•••••-S8P0T`. */
export function maskKey(key: string): string {
  const groups = key.split('-');
  if (groups.length < 3) return '•'.repeat(key.length);
  return [groups[0], groups[1], ...groups.slice(2, -1).map((g) => '•'.repeat(g.length)), groups.at(-1)].join('-');
}

/** The date input's value (yyyy-mm-dd, local) for an ISO time. */
export function dateInputValue(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The same calendar day `months` later (clamped to the month's last day), as yyyy-mm-dd. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * Who ended an activation, as License Details words it: the actor the authority recorded
 * (`console:ann@example.com`, `token:shop`, `cli:ann`) as it is, the device and the customer in words.
 */
export function endedByText(endedBy: string | null): string {
  if (endedBy === null) return 'Not recorded';
  if (endedBy === 'device') return 'The device itself';
  if (endedBy === 'customer') return 'The customer (slot freed from the license page)';
  if (endedBy === 'authority') return 'The authority';
  return endedBy;
}
