import { z } from 'zod';
import { ERROR_CODES } from '../errors/catalog.ts';
import { toHex } from '../format/hex.ts';
import type { ServerInfo } from '../ipc/contract.ts';
import { FINGERPRINT_COMPONENTS } from '../license/fingerprint.ts';
import { LICENSE_MODES } from '../license/certificate.ts';
import type { PublicKeySet } from '../license/signing.ts';

/*
 * The diagnostics bundle: one JSON document a customer sends and support reproduces from. It holds
 * hashes, never raw serials, and the license key redacted to its first and last group. Its seal is
 * a SHA-256 over the content: not a security measure (the customer's machine holds no secret to
 * sign with) but enough to say "this bundle was edited" instead of reproducing a fiction. For the
 * same reason the public keys a bundle carries are only ever used as "the keys the bundle carries",
 * never as the vendor's.
 *
 * Format 2 adds `trustedKeys` and `seen.server`; a format 1 bundle still reads (without them).
 */

export const BUNDLE_FORMAT_VERSION = 2;

/** A time the app can have recorded (epoch ms that `Date` can print), so a report never fails on one. */
const epochMs = z.number().int().min(0).max(8.64e15);

/**
 * The license server facts the status view showed (the LicenseView's `server`). Bundles saved
 * before the field took the contract's name wrote `activationsLimit`; they still read.
 */
const serverInfo = z
  .object({
    activationsUsed: z.number().int().nullable(),
    activationLimit: z.number().int().nullable().optional(),
    activationsLimit: z.number().int().nullable().optional(),
    planName: z.string().nullable(),
    expiresAt: epochMs.nullable(),
    lastValidatedAt: epochMs.nullable(),
  })
  .transform(({ activationLimit, activationsLimit, ...rest }) => ({ ...rest, activationLimit: activationLimit ?? activationsLimit ?? null }));

const publicKeySet = z.object({
  productId: z.string(),
  keys: z.array(z.object({ id: z.number().int(), publicKey: z.string() })).max(50),
});

const errorInfo = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  hint: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

const serverOutcome = z.union([z.literal('ok'), z.literal('unreachable'), z.enum(ERROR_CODES)]);

export const SupportBundleSchema = z.object({
  bundleFormatVersion: z.number().int().positive(),
  createdAt: epochMs,
  app: z.object({ version: z.string(), os: z.string(), platform: z.string(), arch: z.string() }),
  productId: z.string(),
  instanceId: z.string(),
  fingerprint: z.object({
    components: z.object(Object.fromEntries(FINGERPRINT_COMPONENTS.map((c) => [c, z.string().nullable()]))),
    weak: z.boolean(),
  }),
  certificate: z.string().nullable(),
  licenseKeyRedacted: z.string().nullable(),
  mode: z.enum(LICENSE_MODES).nullable(),
  /**
   * The public keys the app verified its certificate with (format 2). Public by nature; anyone can
   * edit them and reseal, so support uses them only when it has no vendor keys, and says so.
   */
  trustedKeys: publicKeySet.optional(),
  store: z.object({
    backend: z.string(),
    weakProtection: z.boolean(),
    problem: errorInfo.nullable(),
  }),
  clock: z.object({ now: epochMs, highestTimeSeen: epochMs }),
  authority: z.object({
    url: z.string(),
    answered: z.boolean().nullable(),
    lastAnswer: z.object({ at: epochMs, outcome: serverOutcome, httpStatus: z.number().optional() }).nullable(),
  }),
  /**
   * What the customer saw: the evaluation's result and (format 2) the server facts the status view
   * showed next to it, which the certificate alone cannot tell (activations used, the server's plan).
   */
  seen: z.object({ state: z.string(), code: z.enum(ERROR_CODES).nullable(), failedCheck: z.string(), server: serverInfo.nullable().optional() }),
  /** The failed action the customer is looking at, when the error panel shows one (e.g. an activation refused). */
  actionError: z.object({ action: z.string(), error: errorInfo }).optional(),
  events: z
    .array(
      z.object({
        at: epochMs,
        action: z.string(),
        outcome: z.string(),
        httpStatus: z.number().optional(),
        latencyMs: z.number().optional(),
        /** The authority's id for that request: `keyhole log find <id>` finds its log line. */
        requestId: z.string().max(64).optional(),
        /** The core's own note (a hint, the redacted key, a file kept aside); never a secret. */
        note: z.string().optional(),
      }),
    )
    .max(50),
  logTail: z.array(z.string()).max(200),
  /** SHA-256 (hex) of the bundle without this field, in canonical key order. */
  seal: z.string(),
});

export type SupportBundle = z.infer<typeof SupportBundleSchema>;
export type UnsealedBundle = Omit<SupportBundle, 'seal'>;

// The bundle records the contract's shapes, not look-alikes: these fail to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _serverInfoIsTheView: Same<z.infer<typeof serverInfo>, ServerInfo> = true;
const _trustedKeysAreAKeySet: [z.infer<typeof publicKeySet>] extends [PublicKeySet] ? true : never = true;

/** Deeper than any bundle the app writes; a deeper file is refused before anything walks it. */
const MAX_DEPTH = 16;

function deeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  return Object.values(value).some((child) => deeperThan(child, limit - 1));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function sha256Hex(text: string): Promise<string> {
  const hash = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toHex(new Uint8Array(hash));
}

/**
 * Adds the seal to a bundle the app assembled.
 *
 * @example
 * const bundle = await sealBundle(unsealed);
 */
export async function sealBundle(bundle: UnsealedBundle): Promise<SupportBundle> {
  return { ...bundle, seal: await sha256Hex(canonicalJson(bundle)) };
}

export type BundleCheck =
  | { readonly ok: true; readonly bundle: SupportBundle }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads a bundle as support receives it: says so when it is not a bundle, comes from a newer
 * format, or was edited after the app saved it.
 *
 * @example
 * const check = await checkBundle(JSON.parse(text));
 */
export async function checkBundle(value: unknown): Promise<BundleCheck> {
  const version = (value as { bundleFormatVersion?: unknown } | null)?.bundleFormatVersion;
  if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
    return { ok: false, problem: `this bundle has format version ${version}; this tool reads up to ${BUNDLE_FORMAT_VERSION}: update Keyhole` };
  }
  if (deeperThan(value, MAX_DEPTH)) return { ok: false, problem: `not a Keyhole support bundle: it nests deeper than ${MAX_DEPTH} levels` };
  const parsed = SupportBundleSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, problem: `not a Keyhole support bundle: ${first?.path.join('.') || '(root)'}: ${first?.message}` };
  }
  // Sealed over what the file holds, not over the parsed form (which renames legacy fields).
  const { seal, ...rest } = value as Record<string, unknown>;
  if ((await sha256Hex(canonicalJson(rest))) !== seal) {
    return { ok: false, problem: 'this bundle was edited after the app saved it: its seal does not match its content' };
  }
  return { ok: true, bundle: parsed.data };
}

/**
 * Checks a bundle as read from a file: not JSON is said so like any other problem.
 *
 * @example
 * const check = await checkBundleText(readFileSync(path, 'utf8'));
 */
export async function checkBundleText(text: string): Promise<BundleCheck> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not a Keyhole support bundle: the file is not JSON' };
  }
  return checkBundle(value);
}
