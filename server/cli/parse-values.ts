import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { UsageError } from './command.ts';

/* Turns the CLI's friendly spellings ("unlimited", "12months", "2-4") into API values. */

export function parseLimit(text: string): number | null {
  if (/^unlimited$/i.test(text)) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`the activation limit is 1–100 or "unlimited", not "${text}"`);
  return n;
}

export function parseDuration(text: string): { value: number; unit: 'days' | 'months' | 'years' } | null {
  if (/^never$/i.test(text)) return null;
  const match = /^(\d+)\s*(day|month|year)s?$/i.exec(text.trim());
  if (!match) throw new UsageError(`the expiry is "never" or a duration like 30days, 6months, 1year — not "${text}"`);
  return { value: Number(match[1]), unit: `${(match[2] as string).toLowerCase()}s` as 'days' | 'months' | 'years' };
}

export function parseVersions(text: string): { min: number; max: number | null } {
  if (/^any$/i.test(text)) return { min: 0, max: null };
  const match = /^(\d+)(?:(\+)|-(\d+))?$/.exec(text.trim());
  if (!match) throw new UsageError(`versions are "any", "2+", "2-4" or "3", not "${text}"`);
  const min = Number(match[1]);
  return { min, max: match[2] ? null : Number(match[3] ?? min) };
}

/** An expiry date: "never", an ISO date or date-time. */
export function parseExpiryDate(text: string): number | null {
  if (/^never$/i.test(text)) return null;
  const ms = /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(text) ? Date.parse(text.replace(' ', 'T')) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`the expiry is "never" or a date like 2027-06-30 or 2027-06-30T12:00Z, not "${text}"`);
  return ms;
}

export function parseId(text: string, what: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new UsageError(`${what} is a number, not "${text}"`);
  return Number(text);
}

/** A request the API would refuse as malformed is a usage mistake on the command line. */
export function asUsageError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof KeyholeError && error.code === 'REQUEST_INVALID') throw new UsageError(error.hint ?? error.message);
    throw error;
  }
}
