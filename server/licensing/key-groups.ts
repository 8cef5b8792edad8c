import { parseLicenseKey } from '../../shared/format/license-key.ts';
import { decryptKey } from '../storage/key-crypto.ts';
import type { KeyGroups, Storage } from '../storage/storage.ts';

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

const BACKFILL_BATCH = 500;

/**
 * Gives the licenses sold before key groups were kept their groups, so support finds them from a
 * bundle like any other. It needs the at-rest secret to read each key, so it runs when a data dir
 * is opened rather than as a migration; once done, it costs one index probe. Safe to run again or
 * in two processes at once: a license that has its groups is never listed, and both write the same.
 * Batches by id, so every license is visited once; one whose stored key cannot be read (the data
 * dir's secret was checked before, so only a damaged row) keeps no groups and stops nothing.
 */
export async function backfillKeyGroups(storage: Storage, secret: Uint8Array): Promise<number> {
  let filled = 0;
  let afterId = 0;
  for (;;) {
    const batch = await storage.listLicensesWithoutKeyGroups(afterId, BACKFILL_BATCH);
    const last = batch.at(-1);
    if (!last) return filled;
    const readable = batch.flatMap((license) => {
      const groups = groupsOfStored(license.keyCiphertext, secret);
      return groups === null ? [] : [{ id: license.id, groups }];
    });
    await storage.transaction(async (tx) => {
      for (const { id, groups } of readable) await tx.setKeyGroups(id, groups);
    });
    filled += readable.length;
    afterId = last.id;
  }
}

function groupsOfStored(ciphertext: Uint8Array, secret: Uint8Array): KeyGroups | null {
  try {
    return keyGroupsOf(decryptKey(ciphertext, secret));
  } catch {
    return null;
  }
}
