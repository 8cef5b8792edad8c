import { sign } from 'node:crypto';
import {
  assembleActivationCode,
  CERTIFICATE_FORMAT_VERSION,
  encodeCertificatePayload,
  type CertificatePayload,
} from '../../shared/license/certificate.ts';
import { certificateSigningMessage } from '../../shared/license/signing.ts';
import type { SigningKeys } from '../keys/signing-keys.ts';
import type { ActivationRecord, LicenseRecord } from '../storage/storage.ts';
import { digestOfSignedCertificate } from './certificate-digest.ts';

/*
 * Turns one live activation into a signed certificate (the "KA-…" activation code). Online plans
 * get a lease of onlineLeaseDays from now; air-gapped and offline certificates have none and
 * work until the license expiry. Each issued certificate comes with its digest, which the
 * licensing service records on the activation (offline deactivation codes are checked against it).
 */

const DAY = 86_400_000;

export interface IssuedCertificate {
  /** The activation code text ("KA-…"). */
  readonly code: string;
  /** Its digest, as shared/license/offline-codes.ts certificateDigest gives it. */
  readonly digest: string;
}

export interface CertificateIssuer {
  issue(license: LicenseRecord, activation: ActivationRecord, now: number): IssuedCertificate;
}

export function createCertificateIssuer(options: {
  productId: string;
  pluginCatalog: readonly string[];
  onlineLeaseDays: number;
  keys: SigningKeys;
}): CertificateIssuer {
  const { productId, pluginCatalog, onlineLeaseDays, keys } = options;
  return {
    issue(license, activation, now) {
      const payload: CertificatePayload = {
        formatVersion: CERTIFICATE_FORMAT_VERSION,
        keyId: keys.current.id,
        mode: license.plan.mode,
        licenseId: license.id,
        instanceId: activation.instanceId,
        fingerprint: activation.fingerprint,
        plan: { id: license.plan.id, name: license.plan.name },
        // A plugin dropped from the catalog since the order cannot be encoded; it is simply not licensed.
        plugins: license.plan.plugins.filter((id) => pluginCatalog.includes(id)),
        issuedAt: now,
        expiresAt: license.expiresAt,
        leaseUntil: license.plan.mode === 'online' ? now + onlineLeaseDays * DAY : null,
        versions: license.plan.versions,
      };
      const bytes = encodeCertificatePayload(payload, pluginCatalog);
      const signature = new Uint8Array(sign(null, certificateSigningMessage(productId, bytes), keys.current.privateKey));
      return { code: assembleActivationCode(bytes, signature), digest: digestOfSignedCertificate(bytes, signature) };
    },
  };
}
