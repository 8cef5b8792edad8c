import type { ProductConfig } from '../../shared/product/config.ts';
import type { CertificateIssuer } from '../certificates/issue-certificate.ts';
import type { Clock } from '../clock.ts';
import type { SigningKeyRing } from '../keys/signing-key-ring.ts';
import type { Storage } from '../storage/storage.ts';
import type { AuditSource } from './audit.ts';

/** What the licensing operations need, handed in once so tests can build it from real parts. */
export interface LicensingContext {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly issuer: CertificateIssuer;
  /** The keys `issuer` signs with; refreshed before signing so a rotation reaches every process. */
  readonly keys: SigningKeyRing;
  readonly productConfig: ProductConfig;
  /** The data dir's at-rest secret, for license keys an admin may see again. */
  readonly secret: Uint8Array;
  /** Who is acting, for the audit log; absent = the authority itself (AUTHORITY_SOURCE). */
  readonly source?: AuditSource;
}

/** The same context, acting for `source`: what a request or a CLI run hands the operations. */
export const actingAs = (ctx: LicensingContext, source: AuditSource): LicensingContext => ({ ...ctx, source });
