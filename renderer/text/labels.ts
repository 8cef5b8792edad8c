import { CATALOG } from '../../shared/errors/catalog.ts';
import type { LicenseState } from '../../shared/license/evaluate.ts';
import type { LicenseMode } from '../../shared/license/certificate.ts';

/*
 * Short UI labels for badges and fields. Sentences about a license problem come from the catalog
 * (shared/errors/catalog.ts); these are the one- or two-word names the badge shows.
 */

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

const BADGES: { readonly [S in LicenseState]: { readonly label: string; readonly tone: Tone } } = {
  not_activated: { label: 'Not activated', tone: 'neutral' },
  active: { label: 'Active', tone: 'ok' },
  grace: { label: CATALOG.GRACE_PERIOD.title, tone: 'warn' },
  lease_expired: { label: 'Offline too long', tone: 'bad' },
  expired: { label: 'Expired', tone: 'bad' },
  mismatch: { label: 'Mismatch', tone: 'bad' },
  invalid: { label: 'Invalid', tone: 'bad' },
  deactivated: { label: 'Deactivated', tone: 'bad' },
  revoked: { label: 'Revoked', tone: 'bad' },
  removed: { label: 'Removed', tone: 'bad' },
  clock_rollback: { label: 'Clock set back', tone: 'bad' },
  unreadable: { label: 'Unreadable', tone: 'bad' },
  version_not_covered: { label: 'Version not covered', tone: 'bad' },
};

/** The status badge text, e.g. "Working offline — 3 days left". */
export function badgeFor(state: LicenseState, daysLeft?: number): { label: string; tone: Tone } {
  const badge = BADGES[state];
  if (state !== 'grace' || daysLeft === undefined) return badge;
  return { label: `${badge.label} — ${daysLeft} day${daysLeft === 1 ? '' : 's'} left`, tone: badge.tone };
}


export const MODE_LABELS: { readonly [M in LicenseMode]: string } = {
  online: 'Online',
  airgapped: 'Air-gapped',
  offline: 'Offline',
  trial: 'Free trial',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(ms: number): string {
  return dateFormat.format(new Date(ms));
}

export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(new Date(ms));
}

// Times as the core and the authority write them for support: 2027-12-01T10:00:00Z, 2027-12-01 10:00 UTC, 2027-12-01.
const ISO_TIME = /\b(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?Z| (\d\d:\d\d) UTC)?\b/g;

/**
 * The same sentence with every ISO date or time in it written the way the user's locale writes
 * dates, so a hint never puts "2027-12-01" next to "Dec 1, 2027". Support gets the ISO original.
 */
export function localizeTimes(text: string): string {
  return text.replace(ISO_TIME, (match: string, day: string, time?: string, utcTime?: string) => {
    const clock = time ?? utcTime;
    const ms = Date.parse(clock ? `${day}T${clock}:00Z` : `${day}T00:00:00Z`);
    if (Number.isNaN(ms)) return match;
    return clock ? formatDateTime(ms) : utcDateFormat.format(new Date(ms));
  });
}

// A bare date names a calendar day, not an instant: shown as that day wherever the user is.
const utcDateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
