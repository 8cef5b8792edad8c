import { sign } from 'node:crypto';
import {
  assembleActivationCode,
  CERTIFICATE_FORMAT_VERSION,
  encodeCertificatePayload,
  isLeasedMode,
  LATEST_CERTIFICATE_EXPIRY,
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
 *
 * Ed25519 is deterministic and the payload is kept to the minute, so within a minute an
 * activation's certificate is the same bytes: the last one issued per activation is kept (a bounded
 * map, oldest dropped first) and signed again only when its payload changed.
 */

const DAY = 86_400_000;
const KEPT_CERTIFICATES = 20_000;

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
  const lastIssued = new Map<number, { readonly payload: string; readonly issued: IssuedCertificate }>();
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
        // Admin input is refused past the last hour a certificate can name, but a license stored
        // before that check may still say 2200: its certificates end at that last hour (2139)
        // rather than failing to encode, and the license keeps its own date.
        expiresAt: license.expiresAt === null ? null : Math.min(license.expiresAt, LATEST_CERTIFICATE_EXPIRY),
        leaseUntil: isLeasedMode(license.plan.mode) ? now + onlineLeaseDays * DAY : null,
        versions: license.plan.versions,
      };
      const bytes = encodeCertificatePayload(payload, pluginCatalog);
      // The payload names the signing key, so a rotation changes it too.
      const payloadText = Buffer.from(bytes).toString('latin1');
      const kept = lastIssued.get(activation.id);
      if (kept?.payload === payloadText) return kept.issued;
      const signature = new Uint8Array(sign(null, certificateSigningMessage(productId, bytes), keys.current.privateKey));
      const issued = { code: assembleActivationCode(bytes, signature), digest: digestOfSignedCertificate(bytes, signature) };
      lastIssued.delete(activation.id);
      lastIssued.set(activation.id, { payload: payloadText, issued });
      if (lastIssued.size > KEPT_CERTIFICATES) lastIssued.delete(lastIssued.keys().next().value as number);
      return issued;
    },
  };
}
