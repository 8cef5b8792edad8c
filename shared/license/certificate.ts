import { BitReader, BitWriter } from '../format/bits.ts';
import { joinBytes } from '../format/bytes.ts';
import { codeFormatError } from '../format/code-kinds.ts';
import { fromCodeHours, fromCodeMinutes, HOUR_MS, toCodeHours, toCodeMinutes } from '../format/compact-time.ts';
import { decodeGroupedCode, encodeGroupedCode } from '../format/grouped-code.ts';
import { instanceIdFromSymbolValues, instanceIdSymbolValues } from '../format/instance-id.ts';
import { FINGERPRINT_COMPONENTS, type CompactFingerprint } from './fingerprint.ts';

/*
 * The activation certificate: the vendor-signed statement binding one license to one instance.
 * Online it travels as the same text as the offline activation code, so there is one format to
 * parse, verify and support. Fields are bit-packed because a person may have to type the code (at
 * most 204 characters as shown, dashes included): times in minutes (issue) and hours (expiry,
 * lease) since 2020, plugins as a bit mask over the product's plugin catalog, the plan name cut to
 * 12 bytes (the full name comes online).
 */

export const CERTIFICATE_FORMAT_VERSION = 1;
/** The 2-bit mode field, by index: append only (a trial is index 3, so older certificates read as before). */
export const LICENSE_MODES = ['online', 'airgapped', 'offline', 'trial'] as const;
export type LicenseMode = (typeof LICENSE_MODES)[number];

/**
 * Whether certificates of this mode carry a lease and are re-validated online: online licenses and
 * trials (a trial behaves like an online license that always expires).
 *
 * @example
 * isLeasedMode('trial') // true
 */
export function isLeasedMode(mode: LicenseMode | null | undefined): boolean {
  return mode === 'online' || mode === 'trial';
}

export const SIGNATURE_BYTES = 64;
export const MAX_PLAN_NAME_BYTES = 12;
export const MAX_CATALOG_PLUGINS = 24;
/** Longest lease an online certificate can carry: 8191 hours, about 341 days. */
export const MAX_LEASE_HOURS = 8191;
/** Latest expiry a certificate can carry: hour 2^20 − 1 since 2020, i.e. 2139-08-15 15:00 UTC. */
export const LATEST_CERTIFICATE_EXPIRY = fromCodeHours(2 ** 20 - 1);
/** Earliest expiry a certificate can carry: hour 1 since 2020 (hour 0 stands for "never expires"). */
export const EARLIEST_CERTIFICATE_EXPIRY = fromCodeHours(1);


export interface CertificatePayload {
  readonly formatVersion: number;
  /** Which of the vendor's signing keys signed it (0–63). */
  readonly keyId: number;
  readonly mode: LicenseMode;
  readonly licenseId: number;
  readonly instanceId: string;
  readonly fingerprint: CompactFingerprint;
  readonly plan: { readonly id: number; readonly name: string };
  /** Plugin ids, in the order of the product's plugin catalog. */
  readonly plugins: readonly string[];
  /** Epoch ms, kept to the minute. */
  readonly issuedAt: number;
  /** Epoch ms, kept to the hour; null for a license that never expires. */
  readonly expiresAt: number | null;
  /** Online mode: epoch ms by which it must be re-validated; null for air-gapped and offline. */
  readonly leaseUntil: number | null;
  /** App major versions covered: min..max, max null for "any later". */
  readonly versions: { readonly min: number; readonly max: number | null };
}

/** A certificate as read from a code, with the bytes its signature covers. */
export interface DecodedCertificate {
  readonly payload: CertificatePayload;
  readonly signedBytes: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Shortens a plan name to what a certificate holds, at a character boundary.
 *
 * @example
 * certificatePlanName('Professional Plus') // "Professional"
 */
export function certificatePlanName(name: string): string {
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    bytes += utf8Length(ch.codePointAt(0) as number);
    if (bytes > MAX_PLAN_NAME_BYTES) break;
    out += ch;
  }
  return out;
}

const UTF8 = new TextEncoder();

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

// Plan names are few and every certificate the authority signs carries one: each is shortened and
// encoded once (the bytes are only read).
const PLAN_NAME_BYTES = new Map<string, Uint8Array>();

function planNameBytes(name: string): Uint8Array {
  let bytes = PLAN_NAME_BYTES.get(name);
  if (bytes === undefined) {
    bytes = UTF8.encode(certificatePlanName(name));
    if (PLAN_NAME_BYTES.size >= 1000) PLAN_NAME_BYTES.clear();
    PLAN_NAME_BYTES.set(name, bytes);
  }
  return bytes;
}

/** Rounds a time to what the certificate keeps for it, so the authority can store the same value. */
export function toCertificateHour(ms: number): number {
  return fromCodeHours(toCodeHours(ms));
}

/**
 * Packs a payload into the bytes that get signed.
 *
 * @example
 * encodeCertificatePayload(payload, ['reports', 'sync'])
 */
export function encodeCertificatePayload(payload: CertificatePayload, pluginCatalog: readonly string[]): Uint8Array {
  if (pluginCatalog.length > MAX_CATALOG_PLUGINS) {
    throw new RangeError(`a plugin catalog holds at most ${MAX_CATALOG_PLUGINS} plugins`);
  }
  const unknown = payload.plugins.filter((id) => !pluginCatalog.includes(id));
  if (unknown.length > 0) throw new RangeError(`plugins not in the catalog: ${unknown.join(', ')}`);
  const name = planNameBytes(payload.plan.name);
  const leaseHours =
    payload.leaseUntil === null ? 0 : Math.max(1, Math.floor((payload.leaseUntil - payload.issuedAt) / HOUR_MS));
  const writer = new BitWriter()
    .write(payload.formatVersion, 4)
    .write(LICENSE_MODES.indexOf(payload.mode), 2)
    .write(payload.keyId, 6)
    .write(payload.licenseId, 32);
  for (const value of instanceIdSymbolValues(payload.instanceId)) writer.write(value, 5);
  for (const name of FINGERPRINT_COMPONENTS) writer.write(payload.fingerprint[name], 6);
  writer.write(payload.plan.id, 12).write(name.length, 4).writeBytes(name);
  writer.write(pluginCatalog.length, 5);
  for (const id of pluginCatalog) writer.write(payload.plugins.includes(id) ? 1 : 0, 1);
  writer
    .write(toCodeMinutes(payload.issuedAt), 26)
    .write(payload.expiresAt === null ? 0 : toCodeHours(payload.expiresAt), 20)
    .write(Math.min(leaseHours, MAX_LEASE_HOURS), 13)
    .write(payload.versions.min, 6)
    .write(payload.versions.max ?? 0, 6);
  return writer.toBytes();
}

/**
 * Reads a payload back; any inconsistency is an `ACTIVATION_CODE_FORMAT_INVALID` error.
 *
 * @example
 * decodeCertificatePayload(bytes, catalog).plan.name // "Pro"
 */
export function decodeCertificatePayload(bytes: Uint8Array, pluginCatalog: readonly string[]): CertificatePayload {
  const reader = new BitReader(bytes, 'activationCode');
  const formatVersion = reader.read(4);
  if (formatVersion !== CERTIFICATE_FORMAT_VERSION) {
    throw codeFormatError(
      'activationCode',
      `this activation code has format version ${formatVersion}; this app reads version ${CERTIFICATE_FORMAT_VERSION}`,
    );
  }
  const mode = LICENSE_MODES[reader.read(2)];
  if (mode === undefined) throw codeFormatError('activationCode', 'the activation code names no known mode');
  const keyId = reader.read(6);
  const licenseId = reader.read(32);
  const instanceId = instanceIdFromSymbolValues(Array.from({ length: 15 }, () => reader.read(5)));
  const fingerprint = Object.fromEntries(FINGERPRINT_COMPONENTS.map((c) => [c, reader.read(6)])) as CompactFingerprint;
  const planId = reader.read(12);
  const planName = new TextDecoder().decode(reader.readBytes(reader.read(4)));
  const pluginCount = reader.read(5);
  const plugins: string[] = [];
  for (let i = 0; i < pluginCount; i++) {
    if (reader.read(1)) plugins.push(pluginCatalog[i] ?? `unknown-plugin-${i + 1}`);
  }
  const issuedAt = fromCodeMinutes(reader.read(26));
  const expiresHours = reader.read(20);
  const leaseHours = reader.read(13);
  const versions = { min: reader.read(6), max: reader.read(6) || null };
  reader.expectEnd();
  return {
    formatVersion,
    keyId,
    mode,
    licenseId,
    instanceId,
    fingerprint,
    plan: { id: planId, name: planName },
    plugins,
    issuedAt,
    expiresAt: expiresHours === 0 ? null : fromCodeHours(expiresHours),
    leaseUntil: leaseHours === 0 ? null : issuedAt + leaseHours * HOUR_MS,
    versions,
  };
}

/**
 * Joins signed bytes and their signature into the activation code text.
 *
 * @example
 * assembleActivationCode(payloadBytes, signature) // "KA-..."
 */
export function assembleActivationCode(signedBytes: Uint8Array, signature: Uint8Array): string {
  return encodeGroupedCode('activationCode', joinBytes(signedBytes, signature));
}

/**
 * Parses an activation code (format only, no signature check); a damaged one, at any depth, is
 * `ACTIVATION_CODE_FORMAT_INVALID`.
 *
 * @example
 * decodeActivationCode(pasted, catalog).payload.instanceId
 */
export function decodeActivationCode(code: string, pluginCatalog: readonly string[]): DecodedCertificate {
  const bytes = decodeGroupedCode('activationCode', code);
  if (bytes.length <= SIGNATURE_BYTES) {
    throw codeFormatError('activationCode', 'the activation code is too short to hold a signature');
  }
  const signedBytes = bytes.slice(0, bytes.length - SIGNATURE_BYTES);
  return {
    payload: decodeCertificatePayload(signedBytes, pluginCatalog),
    signedBytes,
    signature: bytes.slice(bytes.length - SIGNATURE_BYTES),
  };
}
