import type { CompactFingerprint } from '../../shared/license/fingerprint.ts';
import type { LicenseMode } from '../../shared/license/certificate.ts';

/*
 * What the authority keeps, behind one small interface. The SQLite implementation is the only one
 * today; a PostgreSQL one (a later issue) implements the same contract. Methods are synchronous
 * because better-sqlite3 is; the PostgreSQL issue will make this interface async and implement
 * `transaction` with `SELECT … FOR UPDATE` on the license row.
 *
 * All times are epoch milliseconds. Storage holds facts; the rules (expired? limit reached?) live in
 * server/licensing/ and run inside `transaction` so check and write are one atomic step.
 */

export type ExpiryUnit = 'days' | 'months' | 'years';

/** How many slots the customer may free (deactivate, deactivation code) per rolling period of `days`. */
export interface ReleaseLimit {
  readonly count: number;
  readonly days: number;
}

/** What a plan gets when its terms say nothing: enough to move a few machines, too few to cycle one. */
export const DEFAULT_RELEASE_LIMIT: ReleaseLimit = { count: 3, days: 30 };

export interface PlanTerms {
  readonly name: string;
  /** null = unlimited, else 1–100. */
  readonly activationLimit: number | null;
  /** null = never expires. */
  readonly expiry: { readonly value: number; readonly unit: ExpiryUnit } | null;
  readonly mode: LicenseMode;
  readonly plugins: readonly string[];
  readonly versions: { readonly min: number; readonly max: number | null };
  /** null = the customer may free slots without limit; omitted = DEFAULT_RELEASE_LIMIT. */
  readonly releaseLimit?: ReleaseLimit | null;
}

export interface PlanRecord extends PlanTerms {
  /** 1–4095: a certificate carries it in 12 bits. */
  readonly id: number;
  readonly releaseLimit: ReleaseLimit | null;
  readonly createdAt: number;
}

/** What a license keeps of its plan at order time, so editing plans never changes sold licenses. */
export type PlanSnapshot = Omit<PlanRecord, 'createdAt' | 'activationLimit' | 'expiry'>;

export type LicenseStatus = 'active' | 'deactivated';

export interface LicenseRecord {
  /** Random unique 32-bit id, carried by certificates. */
  readonly id: number;
  readonly orderId: number;
  readonly keyHash: string;
  /** The key encrypted at rest (see key-crypto.ts), so an admin can be shown it again. */
  readonly keyCiphertext: Uint8Array;
  readonly status: LicenseStatus;
  /** Kept to the certificate hour; null = never expires. */
  readonly expiresAt: number | null;
  readonly activationLimit: number | null;
  readonly plan: PlanSnapshot;
  readonly createdAt: number;
  readonly deactivatedAt: number | null;
}

export type ActivationEnd = 'deactivated' | 'revoked';

export interface ActivationRecord {
  readonly id: number;
  readonly licenseId: number;
  readonly instanceId: string;
  readonly instanceName: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly fingerprint: CompactFingerprint;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  /** Set when the slot was freed: by the instance (deactivated) or by an admin / key regeneration (revoked). */
  readonly endedAt: number | null;
  readonly endReason: ActivationEnd | null;
  /** Digest (shared/license/offline-codes.ts certificateDigest) of the last certificate issued for it; null before the first. */
  readonly certificateDigest: string | null;
}

export interface NewActivation {
  readonly licenseId: number;
  readonly instanceId: string;
  readonly instanceName: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly fingerprint: CompactFingerprint;
  readonly at: number;
}

export interface AdminTokenRecord {
  readonly id: number;
  /** SHA-256 of the token; the token itself is never stored. */
  readonly tokenHash: string;
  readonly label: string;
  readonly createdAt: number;
  /** null = never expires. */
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
  /** Recorded at most once a minute (see admin-tokens.ts); null = never used. */
  readonly lastUsedAt: number | null;
}

export interface SigningKeyRecord {
  readonly id: number;
  /** Raw 32-byte Ed25519 public key, base64url. */
  readonly publicKey: string;
  readonly createdAt: number;
}

export interface Storage {
  /** Runs `work` as one write transaction (BEGIN IMMEDIATE); a throw rolls everything back. */
  transaction<T>(work: () => T): T;

  createPlan(terms: PlanTerms, at: number): PlanRecord;
  listPlans(): PlanRecord[];
  findPlan(id: number): PlanRecord | undefined;

  /** Creates an order and its license in one step; the license id must be unused (retry on false). */
  createOrder(planId: number, license: Omit<LicenseRecord, 'orderId' | 'status' | 'deactivatedAt'>): LicenseRecord | 'id-taken';
  findLicenseByKeyHash(keyHash: string): LicenseRecord | undefined;
  findLicenseById(id: number): LicenseRecord | undefined;
  replaceKey(licenseId: number, keyHash: string, keyCiphertext: Uint8Array): void;
  setActivationLimit(licenseId: number, limit: number | null): void;
  setExpiry(licenseId: number, expiresAt: number | null): void;
  deactivateLicense(licenseId: number, at: number): void;

  insertActivation(activation: NewActivation): ActivationRecord;
  /** The instance's current (not ended) activation on this license. */
  findLiveActivation(licenseId: number, instanceId: string): ActivationRecord | undefined;
  /** The instance's most recent activation on this license, live or ended. */
  findLatestActivation(licenseId: number, instanceId: string): ActivationRecord | undefined;
  findActivation(id: number): ActivationRecord | undefined;
  countLiveActivations(licenseId: number): number;
  listActivations(licenseId: number): ActivationRecord[];
  refreshActivation(id: number, update: { at: number; fingerprint?: CompactFingerprint; instanceName?: string | null; metadata?: Readonly<Record<string, string>> }): void;
  /** Records the digest of the certificate just issued for this activation (replacing the previous one). */
  setCertificateDigest(id: number, digest: string): void;
  endActivation(id: number, at: number, reason: ActivationEnd): void;
  endAllActivations(licenseId: number, at: number, reason: ActivationEnd): number;
  /**
   * When this license's slots were freed by the customer (end reason 'deactivated', not the
   * vendor's 'revoked') after `since`, oldest first: what the release limit counts.
   */
  listReleaseTimes(licenseId: number, since: number): number[];

  addAdminToken(token: { readonly tokenHash: string; readonly label: string; readonly createdAt: number; readonly expiresAt: number | null }): AdminTokenRecord;
  listAdminTokens(): AdminTokenRecord[];
  /** Sets revoked_at unless already revoked; false when no live token has this id. */
  revokeAdminToken(id: number, at: number): boolean;
  recordAdminTokenUse(id: number, at: number): void;

  getSetting(name: string): string | undefined;
  setSetting(name: string, value: string): void;

  addSigningKey(key: SigningKeyRecord): void;
  listSigningKeys(): SigningKeyRecord[];

  // The file itself, for `keyhole authority backup|check`.
  /** SQLite's online backup to a new file: one consistent copy, WAL included, safe beside a running server. */
  backup(toPath: string): Promise<void>;
  /** Any one license (undefined when there is none): proves the secret opens the stored keys. */
  sampleLicense(): LicenseRecord | undefined;

  close(): void;
}
