/*
 * The machine fingerprint: named components, each a salted hash computed on the machine (raw
 * serials never leave it). A certificate keeps a 6-bit digest of each, enough to tell "the same
 * machine with a new network card" from "another machine", and small enough for a short code.
 *
 * The matching rule, in one sentence: a certificate matches this machine when MORE THAN HALF of the
 * components known on both sides are equal. So a reboot, an added or replaced network adapter, or
 * a VM that changes its MAC on every start (1 of 6 differs) still match; state copied to another
 * computer (machine id, system UUID, serials and MAC all differ) does not. When no component is
 * known on both sides (a bare container), the fingerprint is "weak": the Instance ID alone decides,
 * and the status and diagnostics say so.
 */

export const FINGERPRINT_COMPONENTS = [
  'machineId',
  'systemUuid',
  'baseboardSerial',
  'diskSerial',
  'cpu',
  'mac',
] as const;

export type FingerprintComponent = (typeof FINGERPRINT_COMPONENTS)[number];

/** How each component is named to a person (status view, diagnostics, support output). */
export const COMPONENT_LABELS: { readonly [C in FingerprintComponent]: string } = {
  machineId: 'machine id',
  systemUuid: 'system UUID',
  baseboardSerial: 'baseboard serial',
  diskSerial: 'disk serial',
  cpu: 'CPU',
  mac: 'network adapter (MAC)',
};

/** Full salted hashes (hex) per component as the machine computed them; null when not readable. */
export type FingerprintHashes = { readonly [C in FingerprintComponent]: string | null };

/** The 6-bit digests a certificate carries: 1..63, or 0 when the component was not readable. */
export type CompactFingerprint = { readonly [C in FingerprintComponent]: number };

/**
 * Reduces full hashes to the compact form a certificate holds.
 *
 * @example
 * compactFingerprint({ machineId: 'ab12…', systemUuid: null, … }).systemUuid // 0
 */
export function compactFingerprint(hashes: FingerprintHashes): CompactFingerprint {
  const entries = FINGERPRINT_COMPONENTS.map((name) => {
    const hex = hashes[name];
    return [name, hex ? (parseInt(hex.slice(0, 4), 16) % 63) + 1 : 0];
  });
  return Object.fromEntries(entries) as CompactFingerprint;
}

export interface FingerprintMatch {
  readonly matches: boolean;
  /** True when no component could be compared, so only the Instance ID decided. */
  readonly weak: boolean;
  readonly compared: readonly FingerprintComponent[];
  readonly differing: readonly FingerprintComponent[];
}

/**
 * Applies the matching rule (see the top of this file) and names the components that differ.
 *
 * @example
 * matchFingerprint(certificate.fingerprint, compactFingerprint(thisMachine)).differing // ['mac']
 */
export function matchFingerprint(expected: CompactFingerprint, actual: CompactFingerprint): FingerprintMatch {
  const compared = FINGERPRINT_COMPONENTS.filter((name) => expected[name] !== 0 && actual[name] !== 0);
  const differing = compared.filter((name) => expected[name] !== actual[name]);
  const equal = compared.length - differing.length;
  return {
    matches: compared.length === 0 || equal * 2 > compared.length,
    weak: compared.length === 0,
    compared,
    differing,
  };
}

/**
 * Explains a mismatch in support's words.
 *
 * @example
 * describeMismatch(match) // "3 of 5 components differ: machine id, system UUID, disk serial"
 */
export function describeMismatch(match: FingerprintMatch): string {
  const names = match.differing.map((name) => COMPONENT_LABELS[name]).join(', ');
  const verdict = match.matches
    ? 'still the same machine under the matching rule'
    : match.differing.length === 1 && match.differing[0] === 'mac'
      ? 'only the network adapter changed'
      : 'this looks like a different machine, not a changed network adapter';
  return `${match.differing.length} of ${match.compared.length} components differ${names ? `: ${names}` : ''} — ${verdict}`;
}

/** The component names on the wire (the authority's JSON API is snake_case). */
export const FINGERPRINT_WIRE_NAMES: { readonly [C in FingerprintComponent]: string } = {
  machineId: 'machine_id',
  systemUuid: 'system_uuid',
  baseboardSerial: 'baseboard_serial',
  diskSerial: 'disk_serial',
  cpu: 'cpu',
  mac: 'mac',
};

/**
 * The compact fingerprint as the API sends it.
 *
 * @example
 * toWireFingerprint(compact) // { machine_id: 12, system_uuid: 0, … }
 */
export function toWireFingerprint(compact: CompactFingerprint): Record<string, number> {
  return Object.fromEntries(FINGERPRINT_COMPONENTS.map((name) => [FINGERPRINT_WIRE_NAMES[name], compact[name]]));
}

/**
 * Reads the API's fingerprint back (missing components count as unknown, 0).
 *
 * @example
 * fromWireFingerprint({ machine_id: 12 }).machineId // 12
 */
export function fromWireFingerprint(wire: Readonly<Record<string, number>>): CompactFingerprint {
  return Object.fromEntries(
    FINGERPRINT_COMPONENTS.map((name) => [name, wire[FINGERPRINT_WIRE_NAMES[name]] ?? 0]),
  ) as CompactFingerprint;
}
