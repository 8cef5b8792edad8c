import { z } from 'zod';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { parseInstanceId } from '../../shared/format/instance-id.ts';
import { parseLicenseKey } from '../../shared/format/license-key.ts';
import {
  FINGERPRINT_COMPONENTS,
  FINGERPRINT_WIRE_NAMES,
  fromWireFingerprint,
  type CompactFingerprint,
} from '../../shared/license/fingerprint.ts';

/*
 * Request checking shared by all routes: zod strict objects (an unknown field is an error, so a
 * typo never passes silently), then the key and Instance ID parsed to canonical form with the
 * format's own hints.
 */

/** Parses `body` or throws REQUEST_INVALID naming every problem ("instance_id: expected string"). */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined) throw new KeyholeError('REQUEST_INVALID', 'the body is empty: send a JSON object');
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw new KeyholeError('REQUEST_INVALID', problems.join('; '), { problems });
}

/*
 * C0 and C1 controls, DEL, and the bidirectional overrides and isolates. Names and metadata end up
 * printed in the vendor's terminal and admin views, where these would move the cursor, recolour or
 * reorder what is shown.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A string a person may read in a terminal: no control characters or bidi overrides. */
export const printableText = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .refine((value) => !UNPRINTABLE.test(value), 'control characters and bidirectional overrides are not allowed');

export const licenseKeyField = z.string().max(200);
export const instanceIdField = z.string().max(100);

/** The compact fingerprint in the API's snake_case names (shared/license/fingerprint.ts). */
export const fingerprintField = z
  .strictObject(
    Object.fromEntries(FINGERPRINT_COMPONENTS.map((name) => [FINGERPRINT_WIRE_NAMES[name], z.int().min(0).max(63).optional()])),
  )
  .transform((wire) => fromWireFingerprint(wire as Record<string, number>));

export const metadataField = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'metadata names are snake_case, up to 32 characters'), printableText(200))
  .refine((value) => Object.keys(value).length <= 16, 'at most 16 metadata entries');

export const UNKNOWN_FINGERPRINT: CompactFingerprint = Object.fromEntries(
  FINGERPRINT_COMPONENTS.map((name) => [name, 0]),
) as CompactFingerprint;

/** A malformed key is the user's typo: LICENSE_FORMAT_INVALID with the format's hint. */
export function canonicalKey(input: string): string {
  return parseLicenseKey(input);
}

/** A malformed Instance ID is the client's bug, not the user's: REQUEST_INVALID naming the field. */
export function canonicalInstanceId(input: string): string {
  try {
    return parseInstanceId(input);
  } catch (error) {
    if (error instanceof KeyholeError) throw new KeyholeError('REQUEST_INVALID', `instance_id: ${error.hint ?? error.message}`);
    throw error;
  }
}
