import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { expiryForOrder } from '../licensing/license-rules.ts';
import type { ExpiryUnit } from '../storage/storage.ts';
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

/** `3/30days` → at most 3 slot releases per 30 days; `none` → no cap; undefined → the plan default. */
export function parseReleaseLimit(text: string | undefined): { count: number; days: number } | null | undefined {
  if (text === undefined) return undefined;
  if (/^none$/i.test(text.trim())) return null;
  const match = /^(\d+)\s*\/\s*(\d+)\s*days?$/i.exec(text.trim());
  if (!match) throw new UsageError(`the release limit is "none" or releases per period like 3/30days — not "${text}"`);
  return { count: Number(match[1]), days: Number(match[2]) };
}

export function parseVersions(text: string): { min: number; max: number | null } {
  if (/^any$/i.test(text)) return { min: 0, max: null };
  const match = /^(\d+)(?:(\+)|-(\d+))?$/.exec(text.trim());
  if (!match) throw new UsageError(`versions are "any", "2+", "2-4" or "3", not "${text}"`);
  const min = Number(match[1]);
  return { min, max: match[2] ? null : Number(match[3] ?? min) };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))?)?$/i;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A calendar date or date-time, UTC unless it names an offset. Strict: a day the month does not have
 * is refused, never rolled over into the next month (Date.parse turns 2027-02-30 into March 2).
 */
export function parseDate(text: string): number {
  const match = DATE_TIME.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a date: write it like 2027-06-30 or 2027-06-30T12:00Z`);
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const y = year as number;
  const m = month as number;
  if (m < 1 || m > 12) throw new UsageError(`"${text}" is not a date: the month is 01–12`);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if ((day as number) < 1 || (day as number) > daysInMonth) {
    throw new UsageError(`"${text}" is not a date: ${MONTHS[m - 1]} ${y} has ${daysInMonth} days`);
  }
  if (hour > 23 || minute > 59 || second > 59) throw new UsageError(`"${text}" is not a time: hours are 00–23, minutes and seconds 00–59`);
  const offsetMinutes = match[8] ? (match[8] === '-' ? -1 : 1) * (Number(match[9]) * 60 + Number(match[10])) : 0;
  if (Math.abs(offsetMinutes) > 14 * 60) throw new UsageError(`"${text}": a UTC offset is at most ±14:00`);
  return Date.UTC(y, m - 1, day as number, hour, minute, second) - offsetMinutes * 60_000;
}

/** What `license expiry` was told: never, a date, or a duration added to the current expiry. */
export type ExpiryInput =
  | { readonly kind: 'never' }
  | { readonly kind: 'date'; readonly at: number }
  | { readonly kind: 'extend'; readonly by: { readonly value: number; readonly unit: ExpiryUnit } };

export function parseExpiryInput(text: string): ExpiryInput {
  if (/^never$/i.test(text)) return { kind: 'never' };
  const relative = /^\+(\d{1,4})\s*(day|month|year)s?$/i.exec(text.trim());
  if (relative) {
    const value = Number(relative[1]);
    if (value < 1) throw new UsageError(`"${text}" adds nothing: use +1day or more`);
    return { kind: 'extend', by: { value, unit: `${(relative[2] as string).toLowerCase()}s` as ExpiryUnit } };
  }
  if (/^[+-]/.test(text.trim())) throw new UsageError(`"${text}" is not a duration: write +90days, +3months or +1year`);
  return { kind: 'date', at: parseDate(text) };
}

/**
 * The new expiry in epoch ms (null = never). A duration is added to the current expiry while that
 * is still ahead, else to now: extending a lapsed license starts from today, not from the past.
 */
export function resolveExpiry(input: ExpiryInput, current: number | null, now: number): number | null {
  if (input.kind === 'never') return null;
  if (input.kind === 'date') return input.at;
  return expiryForOrder(input.by, current !== null && current > now ? current : now);
}

/** A token's expiry: a duration from now (90days) or a date; never in the past. */
export function parseTokenExpiry(text: string, now: number): number | null {
  if (/^never$/i.test(text)) return null;
  const duration = /^\d/.test(text) && !/^\d{4}-/.test(text) ? parseDuration(text) : null;
  const at = duration ? expiryForOrder(duration, now) : parseDate(text);
  if (at === null || at <= now) throw new UsageError(`--expires "${text}" is not in the future`);
  return at;
}

export function parseId(text: string, what: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new UsageError(`${what} is a number, not "${text}"`);
  return Number(text);
}

/** A request the API would refuse as malformed is a usage mistake on the command line. */
export async function asUsageError<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KeyholeError && error.code === 'REQUEST_INVALID') throw new UsageError(error.hint ?? error.message);
    throw error;
  }
}
