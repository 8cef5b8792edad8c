import type { CompactFingerprint } from '../../shared/license/fingerprint.ts';
import type { LicenseMode } from '../../shared/license/certificate.ts';

/*
 * What the authority keeps, behind one small asynchronous interface with two implementations:
 * SQLite (sqlite-storage.ts, the embedded default, one machine) and PostgreSQL (postgres-storage.ts,
 * several authority processes on one database). storage-contract.test.ts holds both to the same
 * behaviour.
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
  /** Activations not ended, as of the read: kept on the license row, so reading it costs nothing. */
  readonly liveActivations: number;
}

/** Who bought an order; every part optional (an order made by hand may have none). */
export interface Customer {
  readonly email: string | null;
  readonly name: string | null;
  /** The order's id in the vendor's shop or payment system: unique, so a webhook retry finds it. */
  readonly reference: string | null;
}

export const NO_CUSTOMER: Customer = { email: null, name: null, reference: null };

/** The first and last groups of a key (`KH-M57YF-…-S8P0T` → M57YF, S8P0T): what support bundles show. */
export interface KeyGroups {
  readonly head: string;
  readonly tail: string;
}

/** What an order keeps beside its license. */
export interface OrderDetails {
  readonly customer: Customer;
  /** The caller's Idempotency-Key; a second order with the same one is refused by the database. */
  readonly idempotencyKey: string | null;
  readonly keyGroups: KeyGroups | null;
}

/** `trial`: the app started a free trial (a trial plan); `paid`: every other order, sold by the vendor. */
export type OrderKind = 'paid' | 'trial';

/** An order's kind follows the mode of the plan its license was sold under. */
export const orderKindOf = (plan: Pick<PlanSnapshot, 'mode'>): OrderKind => (plan.mode === 'trial' ? 'trial' : 'paid');

export interface OrderRecord {
  readonly id: number;
  readonly planId: number;
  readonly kind: OrderKind;
  readonly createdAt: number;
  readonly customer: Customer;
  readonly idempotencyKey: string | null;
}

export interface OrderWithLicense {
  readonly order: OrderRecord;
  readonly license: LicenseRecord;
}

/** Ways a search text may name an order; an order matching any one is found. */
export interface OrderMatch {
  /** Lowercased; the start of the customer's email or name. */
  readonly textPrefix?: string;
  readonly orderId?: number;
  readonly reference?: string;
  readonly keyGroups?: KeyGroups;
  readonly keyHash?: string;
  readonly instanceId?: string;
}

export type OrderStatusFilter = 'active' | 'expired' | 'deactivated';

export interface OrderQuery {
  readonly match?: OrderMatch;
  readonly planId?: number;
  /** Omitted = orders of both kinds. */
  readonly kind?: OrderKind;
  readonly status?: OrderStatusFilter;
  /** Only licenses, still active, that expire after `now` and at or before this time. */
  readonly expiresBy?: number;
  readonly now: number;
  /** Keyset paging, newest first: only orders with a smaller id. */
  readonly beforeOrderId?: number;
  readonly limit: number;
}

export type ActivationEnd = 'deactivated' | 'revoked';

/** `endedBy` of an activation the device itself gave up (its own deactivate call). */
export const ENDED_BY_DEVICE = 'device';

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
  /**
   * Who ended it, as the audit log names actors (`console:<email>`, `token:<label>`, `cli:<user>`,
   * `customer`), or `device` for the device's own deactivation; null while live, and for
   * activations ended before the authority recorded it.
   */
  readonly endedBy: string | null;
  /** Digest (shared/license/offline-codes.ts certificateDigest) of the last certificate issued for it; null before the first. */
  readonly certificateDigest: string | null;
}

/** That an activation was seen at `at`, holding the certificate with this digest (see sightings.ts). */
export interface LicenseWithLiveActivation {
  readonly license: LicenseRecord;
  readonly live: ActivationRecord | undefined;
}

export interface Sighting {
  readonly id: number;
  readonly at: number;
  readonly certificateDigest: string;
}

export interface NewActivation {
  readonly licenseId: number;
  readonly instanceId: string;
  readonly instanceName: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly fingerprint: CompactFingerprint;
  readonly at: number;
}

/** A trial granted to one machine: kept for good, so the machine can never start a second one. */
export interface TrialRecord {
  readonly id: number;
  readonly licenseId: number;
  readonly instanceId: string;
  readonly fingerprint: CompactFingerprint;
  readonly createdAt: number;
}

export type NewTrial = Omit<TrialRecord, 'id'>;

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

export type ConsoleRole = 'admin' | 'support';

export interface ConsoleUserRecord {
  readonly id: number;
  /** Lowercased. */
  readonly email: string;
  readonly role: ConsoleRole;
  /** scrypt (see server/licensing/console-passwords.ts); null until the user follows the sign-in link. */
  readonly passwordHash: string | null;
  readonly createdAt: number;
}

export interface ConsoleSessionRecord {
  readonly user: ConsoleUserRecord;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

/** One change, as the audit log keeps it (see server/licensing/audit.ts). */
export interface AuditEventRecord {
  readonly id: number;
  readonly at: number;
  /** Who: `token:<label>`, `console:<email>`, `cli:<os user>`, `customer`, `authority`. */
  readonly actor: string;
  /** What, as a dotted verb: `license.expiry`, `order.create`, `token.revoke`, … */
  readonly action: string;
  readonly licenseId: number | null;
  readonly orderId: number | null;
  readonly planId: number | null;
  /** JSON texts of the changed fields before and after; null where there was nothing (a creation). */
  readonly before: string | null;
  readonly after: string | null;
  readonly requestId: string | null;
}

export type NewAuditEvent = Omit<AuditEventRecord, 'id'>;

/** Newest first; every filter optional; keyset paging on the id. */
export interface AuditQuery {
  readonly licenseId?: number;
  readonly actor?: string;
  readonly action?: string;
  /** Inclusive lower and exclusive upper bounds on `at`. */
  readonly since?: number;
  readonly until?: number;
  readonly beforeId?: number;
  readonly limit: number;
}

/** Refusals of one catalog code within one hour (`hour` = the hour's first millisecond). */
export interface RefusalCount {
  readonly code: string;
  readonly hour: number;
  readonly count: number;
}

export interface SigningKeyRecord {
  readonly id: number;
  /** Raw 32-byte Ed25519 public key, base64url. */
  readonly publicKey: string;
  readonly createdAt: number;
}

/** The data operations, the same outside a transaction and on a transaction's handle. */
export interface StorageOperations {
  createPlan(terms: PlanTerms, at: number): Promise<PlanRecord>;
  listPlans(): Promise<PlanRecord[]>;
  findPlan(id: number): Promise<PlanRecord | undefined>;
  /** New terms for future orders; licenses sold keep their snapshot. undefined when there is no such plan. */
  updatePlan(id: number, terms: PlanTerms): Promise<PlanRecord | undefined>;

  /** Creates an order and its license in one step; the license id must be unused (retry on 'id-taken'). */
  createOrder(
    planId: number,
    license: Omit<LicenseRecord, 'orderId' | 'status' | 'deactivatedAt' | 'liveActivations'>,
    details?: OrderDetails,
  ): Promise<LicenseRecord | 'id-taken'>;
  findOrder(id: number): Promise<OrderWithLicense | undefined>;
  /** The order made earlier with this Idempotency-Key, or else with this customer reference. */
  findOrderByRetryKey(idempotencyKey: string | null, reference: string | null): Promise<OrderWithLicense | undefined>;
  /** Newest first, at most `query.limit`. */
  searchOrders(query: OrderQuery): Promise<OrderWithLicense[]>;
  /**
   * Inside a transaction, reading a license locks its row until the transaction ends (PostgreSQL:
   * SELECT … FOR UPDATE; SQLite's BEGIN IMMEDIATE already holds the whole file). So a rule that
   * reads the license first and then checks and writes holds across processes.
   */
  findLicenseByKeyHash(keyHash: string): Promise<LicenseRecord | undefined>;
  /** Locks the row inside a transaction, like findLicenseByKeyHash. */
  findLicenseById(id: number): Promise<LicenseRecord | undefined>;
  replaceKey(licenseId: number, keyHash: string, keyCiphertext: Uint8Array, keyGroups?: KeyGroups): Promise<void>;
  setActivationLimit(licenseId: number, limit: number | null): Promise<void>;
  setExpiry(licenseId: number, expiresAt: number | null): Promise<void>;
  deactivateLicense(licenseId: number, at: number): Promise<void>;

  insertActivation(activation: NewActivation): Promise<ActivationRecord>;
  /** The instance's current (not ended) activation on this license. */
  findLiveActivation(licenseId: number, instanceId: string): Promise<ActivationRecord | undefined>;
  /**
   * The license with this key hash and the instance's live activation of it, read together: what
   * a validate needs, one round trip on PostgreSQL. Locks the license inside a transaction, like
   * findLicenseByKeyHash.
   */
  findLicenseWithLiveActivation(keyHash: string, instanceId: string): Promise<LicenseWithLiveActivation | undefined>;
  /** The instance's most recent activation on this license, live or ended. */
  findLatestActivation(licenseId: number, instanceId: string): Promise<ActivationRecord | undefined>;
  findActivation(id: number): Promise<ActivationRecord | undefined>;
  /** The license's live_activations column: one row read, however many activations it has. */
  countLiveActivations(licenseId: number): Promise<number>;
  listActivations(licenseId: number): Promise<ActivationRecord[]>;
  /** Oldest first, ids above `afterId`, at most `limit`: keyset paging. */
  listActivationsPage(licenseId: number, afterId: number, limit: number): Promise<ActivationRecord[]>;
  refreshActivation(id: number, update: { at: number; fingerprint?: CompactFingerprint; instanceName?: string | null; metadata?: Readonly<Record<string, string>> }): Promise<void>;
  /** Records the digest of the certificate just issued for this activation (replacing the previous one). */
  setCertificateDigest(id: number, digest: string): Promise<void>;
  /** Writes sightings, each only where it is not older than the stored last-seen time. */
  recordSightings(sightings: readonly Sighting[]): Promise<void>;
  /** Ends a live activation; false when it had already ended. `endedBy` omitted = `device` (its own deactivation). */
  endActivation(id: number, at: number, reason: ActivationEnd, endedBy?: string): Promise<boolean>;
  endAllActivations(licenseId: number, at: number, reason: ActivationEnd, endedBy?: string): Promise<number>;
  /**
   * When this license's slots were freed by the customer (end reason 'deactivated', not the
   * vendor's 'revoked') after `since`, oldest first: what the release limit counts.
   */
  listReleaseTimes(licenseId: number, since: number): Promise<number[]>;

  /**
   * The trials that may have been this machine's: the one with this Instance ID and every one that
   * shares at least one known (non-zero) fingerprint component. The matching rule decides among them.
   */
  findTrialCandidates(instanceId: string, fingerprint: CompactFingerprint): Promise<TrialRecord[]>;
  /** Records a trial; 'instance-taken' when this Instance ID has one already. */
  insertTrial(trial: NewTrial): Promise<TrialRecord | 'instance-taken'>;

  addAdminToken(token: { readonly tokenHash: string; readonly label: string; readonly createdAt: number; readonly expiresAt: number | null }): Promise<AdminTokenRecord>;
  listAdminTokens(): Promise<AdminTokenRecord[]>;
  /** Sets revoked_at unless already revoked; false when no live token has this id. */
  revokeAdminToken(id: number, at: number): Promise<boolean>;
  recordAdminTokenUse(id: number, at: number): Promise<void>;

  /** 'email-taken' when a user has this (lowercased) email already. */
  addConsoleUser(user: { readonly email: string; readonly role: ConsoleRole; readonly createdAt: number }): Promise<ConsoleUserRecord | 'email-taken'>;
  findConsoleUserByEmail(email: string): Promise<ConsoleUserRecord | undefined>;
  listConsoleUsers(): Promise<ConsoleUserRecord[]>;
  setConsolePassword(userId: number, passwordHash: string): Promise<void>;
  addSignInLink(link: { readonly tokenHash: string; readonly userId: number; readonly expiresAt: number }): Promise<void>;
  /** Marks the link used and answers its user; undefined when unknown, used or expired (single use). */
  useSignInLink(tokenHash: string, at: number): Promise<ConsoleUserRecord | undefined>;
  addConsoleSession(session: { readonly tokenHash: string; readonly userId: number; readonly csrfToken: string; readonly createdAt: number; readonly expiresAt: number }): Promise<void>;
  /** The live session with this token hash and its user; undefined when unknown or expired. */
  findConsoleSession(tokenHash: string, at: number): Promise<ConsoleSessionRecord | undefined>;
  deleteConsoleSession(tokenHash: string): Promise<void>;

  addAuditEvent(event: NewAuditEvent): Promise<void>;
  listAuditEvents(query: AuditQuery): Promise<AuditEventRecord[]>;
  /** Adds each count to the stored one for its code and hour. */
  addRefusalCounts(counts: readonly RefusalCount[]): Promise<void>;
  /** Refusals per code in the hours starting at or after `sinceHour`, most first. */
  countRefusals(sinceHour: number): Promise<{ code: string; count: number }[]>;
  /** Licenses active and not expired at `now`. */
  countActiveLicenses(now: number): Promise<number>;
  /** Activations made at or after `since` (ended since or not). */
  countActivationsSince(since: number): Promise<number>;
  /** Active licenses expiring after `from` and at or before `to`: how many, and the first `limit` soonest first. */
  findExpiringLicenses(from: number, to: number, limit: number): Promise<{ count: number; first: LicenseRecord[] }>;
  /** Deletes console sessions that expired at or before `at`; answers how many. */
  deleteExpiredConsoleSessions(at: number): Promise<number>;

  getSetting(name: string): Promise<string | undefined>;
  setSetting(name: string, value: string): Promise<void>;

  addSigningKey(key: SigningKeyRecord): Promise<void>;
  /** Oldest first: the last one is the key new certificates are signed with. */
  listSigningKeys(): Promise<SigningKeyRecord[]>;

  /** Up to `limit` licenses with ids above `afterId` and without key groups (sold before they were kept), lowest id first. */
  listLicensesWithoutKeyGroups(afterId: number, limit: number): Promise<LicenseRecord[]>;
  setKeyGroups(licenseId: number, groups: KeyGroups): Promise<void>;

  /** Any one license (undefined when there is none): proves the secret opens the stored keys. */
  sampleLicense(): Promise<LicenseRecord | undefined>;
}

export type StorageBackend = 'sqlite' | 'postgres';

export interface Storage extends StorageOperations {
  readonly backend: StorageBackend;
  /**
   * Runs `work` as one write transaction; a throw rolls everything back. `work` gets the
   * transaction's handle and must use it (not the storage) for every call, and must do no other
   * I/O: SQLite runs one transaction at a time per process, so whatever `work` waits for, every
   * other request waits for too.
   */
  transaction<T>(work: (tx: StorageOperations) => Promise<T>): Promise<T>;
  /** Keeps a sighting in memory, written with the others within about a second (sightings.ts). */
  noteSighting(sighting: Sighting): void;
  /** Writes the sightings noted so far now. */
  flushSightings(): Promise<void>;
  /** Counts one refusal with this catalog code, written with the others within about a second (refusal-counts.ts). */
  noteRefusal(code: string, at: number): void;
  /** Writes the refusal counts noted so far now. */
  flushRefusals(): Promise<void>;
  /** Writes the noted sightings and refusal counts, then closes. */
  close(): Promise<void>;
}
