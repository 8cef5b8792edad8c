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

/**
 * The instant a picked day (yyyy-mm-dd) starts in the person's own time zone, `days` later, as the
 * API's since/until take it: the table shows local times, so the filter's days are local too, and
 * "until" a day is the start of the next (the API's until is exclusive).
 */
export function localDayStart(date: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}
