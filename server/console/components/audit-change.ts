/*
 * An audit event's before → after as lines a person reads: one line per field that the event
 * names, "field: before → after", with "none" for a missing or null value. Plain functions, tested
 * without a browser.
 */

function valueText(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

const fields = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : value === null || value === undefined ? {} : { value };

/** @example changeLines({ activation_limit: 2 }, { activation_limit: 5 }) // ["activation_limit: 2 → 5"] */
export function changeLines(before: unknown, after: unknown): string[] {
  const was = fields(before);
  const now = fields(after);
  const names = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  const lines: string[] = [];
  for (const name of names) {
    const from = valueText(was[name]);
    const to = valueText(now[name]);
    if (before === null || before === undefined) lines.push(`${name}: ${to}`);
    else if (after === null || after === undefined) lines.push(`${name}: ${from} (removed)`);
    else if (from !== to) lines.push(`${name}: ${from} → ${to}`);
  }
  return lines;
}

/** The local date yyyy-mm-dd one day later: "until" a day includes that whole day. */
export function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
