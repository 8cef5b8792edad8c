import type { CompactFingerprint } from '../../shared/license/fingerprint.ts';
import type { LicenseMode } from '../../shared/license/certificate.ts';
import type {
  ActivationEnd,
  ActivationRecord,
  AdminTokenRecord,
  AuditEventRecord,
  ConsoleUserRecord,
  ExpiryUnit,
  LicenseRecord,
  LicenseStatus,
  OrderKind,
  OrderWithLicense,
  PlanRecord,
  PlanSnapshot,
  SigningKeyRecord,
  TrialRecord,
} from './storage.ts';

/*
 * Row shapes of the schema and their mapping to records: the only place column names meet types.
 * SQLite and PostgreSQL use the same column names and kinds (JSON kept as text, the key ciphertext
 * as bytes, times as 64-bit integers), so both backends share these.
 */

export interface PlanRow {
  id: number;
  name: string;
  activation_limit: number | null;
  expiry_value: number | null;
  expiry_unit: ExpiryUnit | null;
  mode: LicenseMode;
  plugins: string;
  versions_min: number;
  versions_max: number | null;
  release_limit_count: number | null;
  release_limit_days: number | null;
  created_at: number;
}

export interface LicenseRow {
  id: number;
  order_id: number;
  key_hash: string;
  key_ciphertext: Buffer;
  status: LicenseStatus;
  expires_at: number | null;
  activation_limit: number | null;
  plan: string;
  created_at: number;
  deactivated_at: number | null;
  live_activations: number;
}

export interface ActivationRow {
  id: number;
  license_id: number;
  instance_id: string;
  instance_name: string | null;
  metadata: string;
  fingerprint: string;
  created_at: number;
  last_seen_at: number;
  ended_at: number | null;
  end_reason: ActivationEnd | null;
  ended_by: string | null;
  certificate_digest: string | null;
}

export function toPlan(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    name: row.name,
    activationLimit: row.activation_limit,
    expiry: row.expiry_value === null || row.expiry_unit === null ? null : { value: row.expiry_value, unit: row.expiry_unit },
    mode: row.mode,
    plugins: JSON.parse(row.plugins) as string[],
    versions: { min: row.versions_min, max: row.versions_max },
    releaseLimit:
      row.release_limit_count === null || row.release_limit_days === null
        ? null
        : { count: row.release_limit_count, days: row.release_limit_days },
    createdAt: row.created_at,
  };
}

export function toLicense(row: LicenseRow): LicenseRecord {
  return {
    id: row.id,
    orderId: row.order_id,
    keyHash: row.key_hash,
    keyCiphertext: new Uint8Array(row.key_ciphertext),
    status: row.status,
    expiresAt: row.expires_at,
    activationLimit: row.activation_limit,
    plan: JSON.parse(row.plan) as PlanSnapshot,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
    liveActivations: row.live_activations,
  };
}

export function toActivation(row: ActivationRow): ActivationRecord {
  return {
    id: row.id,
    licenseId: row.license_id,
    instanceId: row.instance_id,
    instanceName: row.instance_name,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    fingerprint: JSON.parse(row.fingerprint) as CompactFingerprint,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    endedBy: row.ended_by,
    certificateDigest: row.certificate_digest,
  };
}

export interface AdminTokenRow {
  id: number;
  token_hash: string;
  label: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export function toAdminToken(row: AdminTokenRow): AdminTokenRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export interface SigningKeyRow {
  id: number;
  public_key: string;
  created_at: number;
}

export function toSigningKey(row: SigningKeyRow): SigningKeyRecord {
  return { id: row.id, publicKey: row.public_key, createdAt: row.created_at };
}

export interface AuditEventRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  license_id: number | null;
  order_id: number | null;
  plan_id: number | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export function toAuditEvent(row: AuditEventRow): AuditEventRecord {
  return {
    id: row.id, at: row.at, actor: row.actor, action: row.action, licenseId: row.license_id, orderId: row.order_id,
    planId: row.plan_id, before: row.before_json, after: row.after_json, requestId: row.request_id,
  };
}

/** A license row joined with its order's columns (order-search-sql.ts ORDER_COLUMNS). */
export interface OrderLicenseRow extends LicenseRow {
  order_plan_id: number;
  order_kind: OrderKind;
  order_created_at: number;
  customer_email: string | null;
  customer_name: string | null;
  customer_reference: string | null;
  idempotency_key: string | null;
}

export function toOrderWithLicense(row: OrderLicenseRow): OrderWithLicense {
  return {
    order: {
      id: row.order_id,
      planId: row.order_plan_id,
      kind: row.order_kind,
      createdAt: row.order_created_at,
      customer: { email: row.customer_email, name: row.customer_name, reference: row.customer_reference },
      idempotencyKey: row.idempotency_key,
    },
    license: toLicense(row),
  };
}

export interface ConsoleUserRow {
  id: number;
  email: string;
  role: ConsoleUserRecord['role'];
  password_hash: string | null;
  created_at: number;
}

export function toConsoleUser(row: ConsoleUserRow): ConsoleUserRecord {
  return { id: row.id, email: row.email, role: row.role, passwordHash: row.password_hash, createdAt: row.created_at };
}

export interface TrialRow {
  id: number;
  license_id: number;
  instance_id: string;
  machine_id: number;
  system_uuid: number;
  baseboard_serial: number;
  disk_serial: number;
  cpu: number;
  mac: number;
  created_at: number;
}

/** The fingerprint columns of the trials table, in FINGERPRINT_COMPONENTS order. */
export const TRIAL_FINGERPRINT_COLUMNS = ['machine_id', 'system_uuid', 'baseboard_serial', 'disk_serial', 'cpu', 'mac'] as const;

export function toTrial(row: TrialRow): TrialRecord {
  return {
    id: row.id,
    licenseId: row.license_id,
    instanceId: row.instance_id,
    fingerprint: {
      machineId: row.machine_id,
      systemUuid: row.system_uuid,
      baseboardSerial: row.baseboard_serial,
      diskSerial: row.disk_serial,
      cpu: row.cpu,
      mac: row.mac,
    },
    createdAt: row.created_at,
  };
}

/** A trial's fingerprint as the column values, in TRIAL_FINGERPRINT_COLUMNS order. */
export function trialFingerprintValues(fingerprint: CompactFingerprint): number[] {
  return [fingerprint.machineId, fingerprint.systemUuid, fingerprint.baseboardSerial, fingerprint.diskSerial, fingerprint.cpu, fingerprint.mac];
}

/**
 * The WHERE clause of a trial candidate search: the Instance ID, or any fingerprint column; `param`
 * makes the n-th placeholder (SQLite '?', PostgreSQL '$n').
 */
export function trialCandidateWhere(param: (n: number) => string): string {
  return [`instance_id = ${param(1)}`, ...TRIAL_FINGERPRINT_COLUMNS.map((column, i) => `${column} = ${param(i + 2)}`)].join(' OR ');
}
