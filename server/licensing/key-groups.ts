import { parseLicenseKey } from '../../shared/format/license-key.ts';
import type { KeyGroups } from '../storage/storage.ts';

/*
 * The first and last groups of a license key: what support bundles and logs show of it
 * (`KH-M57YF-…-S8P0T`), stored beside each license so support can find it from a bundle. Never
 * the whole key: the middle groups stay only in the encrypted copy.
 */

/** The groups of a canonical key (as generateLicenseKey and parseLicenseKey give it). */
export function keyGroupsOf(canonicalKey: string): KeyGroups {
  const groups = canonicalKey.split('-');
  return { head: groups[1] as string, tail: groups[groups.length - 1] as string };
}

// "KH-M57YF-…-S8P0T" as a bundle shows it; "..." for people who type it; the "KH-" is optional.
const REDACTED = /^(?:KH-)?([0-9A-Z]{5})-(?:…|\.{2,3})-([0-9A-Z]{5})$/i;

/** What a pasted text says about a key: the whole key (its hash can be looked up) or its redacted form. */
export function keyFromSearchText(text: string): { readonly key: string } | { readonly groups: KeyGroups } | null {
  const redacted = REDACTED.exec(text.trim());
  if (redacted) return { groups: { head: (redacted[1] as string).toUpperCase(), tail: (redacted[2] as string).toUpperCase() } };
  if (!/^(KH)?[-\s]*[0-9A-Z]{5}/i.test(text.trim())) return null;
  try {
    return { key: parseLicenseKey(text) };
  } catch {
    return null;
  }
}
