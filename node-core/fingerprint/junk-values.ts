import type { FingerprintComponent } from '../../shared/license/fingerprint.ts';

/*
 * Firmware and virtual machines fill identifier fields with placeholders that many machines share.
 * Hashing one would make unrelated machines look alike, so they count as unreadable instead.
 */

const PLACEHOLDERS = new Set(
  [
    '',
    '-',
    '0',
    'none',
    'null',
    'n/a',
    'na',
    'unknown',
    'not specified',
    'not applicable',
    'not available',
    'default string',
    'system serial number',
    'system product name',
    'base board serial number',
    'chassis serial number',
    'to be filled by o.e.m.',
    'to be filled by oem',
    'o.e.m.',
    'oem',
    '123456789',
    '0123456789',
    'xxxxxxxxxx',
    // The UUID many boards ship with, counting 00..09 in its fields.
    '03000200-0400-0500-0006-000700080009',
  ].map((value) => value.toLowerCase()),
);

/** All zeros or all F's once separators are removed (UUIDs, MACs, serials). */
const REPEATED = /^(0+|f+)$/;

/**
 * The identifier as compared and hashed (trimmed, lower case, inner whitespace collapsed), or null
 * for an empty or placeholder value.
 *
 * @example
 * cleanIdentifier('baseboardSerial', 'To Be Filled By O.E.M.') // null
 */
export function cleanIdentifier(component: FingerprintComponent, raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim().replace(/\s+/g, ' ').toLowerCase();
  if (PLACEHOLDERS.has(value)) return null;
  const hexOnly = value.replace(/[-:.\s{}]/g, '');
  if (hexOnly === '' || REPEATED.test(hexOnly)) return null;
  if (component === 'cpu' && value.replace(/\|/g, '').trim() === '') return null;
  return value;
}
