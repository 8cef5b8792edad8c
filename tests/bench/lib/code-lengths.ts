import { instanceIdFromDigest } from '../../../shared/format/instance-id.ts';
import {
  assembleActivationCode,
  encodeCertificatePayload,
  MAX_CATALOG_PLUGINS,
  MAX_PLAN_NAME_BYTES,
  SIGNATURE_BYTES,
  type CertificatePayload,
} from '../../../shared/license/certificate.ts';
import { encodeDeactivationCode, encodeRequestCode } from '../../../shared/license/offline-codes.ts';

/*
 * The codes a person may have to copy, at their shortest and longest, built with the real encoders
 * and measured as shown (prefix and dashes included). Every certificate field has a fixed width but
 * the plan name (up to 12 bytes) and the plugin mask (one bit per catalog plugin), so those two
 * decide the range; request and deactivation codes have one length.
 */

export interface CodeLength {
  readonly code: 'activation code' | 'request code' | 'deactivation code';
  readonly shortest: number;
  readonly longest: number;
}

const INSTANCE_ID = instanceIdFromDigest(new Uint8Array(10).fill(0x5a));
const FINGERPRINT = { machineId: 63, systemUuid: 63, baseboardSerial: 63, diskSerial: 63, cpu: 63, mac: 63 };
const NOW = Date.UTC(2030, 0, 1);

function activationCode(planName: string, catalogSize: number): string {
  const catalog = Array.from({ length: catalogSize }, (_, i) => `plugin-${i}`);
  const payload: CertificatePayload = {
    formatVersion: 1,
    keyId: 63,
    mode: 'online',
    licenseId: 2 ** 32 - 1,
    instanceId: INSTANCE_ID,
    fingerprint: FINGERPRINT,
    plan: { id: 4095, name: planName },
    plugins: catalog,
    issuedAt: NOW,
    expiresAt: NOW + 365 * 86_400_000,
    leaseUntil: NOW + 30 * 86_400_000,
    versions: { min: 63, max: 63 },
  };
  return assembleActivationCode(encodeCertificatePayload(payload, catalog), new Uint8Array(SIGNATURE_BYTES).fill(0xff));
}

/** Shortest and longest shown length of each kind of code. */
export function codeLengths(): readonly CodeLength[] {
  const request = encodeRequestCode({
    licenseKey: 'KH-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ',
    instanceId: INSTANCE_ID,
    fingerprint: FINGERPRINT,
    appVersion: { major: 63, minor: 1023, patch: 1023 },
    createdAt: NOW,
  });
  const deactivation = encodeDeactivationCode({ licenseId: 2 ** 32 - 1, instanceId: INSTANCE_ID, certificateDigest: 'ffffffffffffffff', deactivatedAt: NOW });
  return [
    {
      code: 'activation code',
      shortest: activationCode('', 0).length,
      longest: activationCode('W'.repeat(MAX_PLAN_NAME_BYTES), MAX_CATALOG_PLUGINS).length,
    },
    { code: 'request code', shortest: request.length, longest: request.length },
    { code: 'deactivation code', shortest: deactivation.length, longest: deactivation.length },
  ];
}
