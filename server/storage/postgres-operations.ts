import {
  toActivation,
  toAdminToken,
  toConsoleUser,
  toLicense,
  toOrderWithLicense,
  toPlan,
  toSigningKey,
  toTrial,
  TRIAL_FINGERPRINT_COLUMNS,
  trialCandidateWhere,
  trialFingerprintValues,
  type TrialRow,
  type ActivationRow,
  toAuditEvent,
  type AdminTokenRow,
  type AuditEventRow,
  type ConsoleUserRow,
  type LicenseRow,
  type OrderLicenseRow,
  type PlanRow,
  type SigningKeyRow,
} from './rows.ts';
import * as audit from './audit-sql.ts';
import { ORDER_COLUMNS, ORDER_FROM, orderSearchSql, searchForm } from './order-search-sql.ts';
import { DEFAULT_RELEASE_LIMIT, ENDED_BY_DEVICE, NO_CUSTOMER, orderKindOf, type StorageOperations } from './storage.ts';

/*
 * The storage operations as PostgreSQL statements, run through `query`: the pool outside a
 * transaction, the transaction's own client inside one. Inside a transaction a license read takes
 * the row lock (FOR UPDATE), which is what makes a check-then-write rule hold across processes.
 */

/** The live activation's columns beside the license's in findLicenseWithLiveActivation (null: none). */
interface LiveColumns {
  a_id: number | null;
  a_instance_name: string | null;
  a_metadata: string;
  a_fingerprint: string;
  a_created_at: number;
  a_last_seen_at: number;
  a_certificate_digest: string | null;
}

export type Query = (sql: string, params?: readonly unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }>;

export function postgresOperations(query: Query, options: { readonly lockLicenses: boolean }): StorageOperations {
  const lock = options.lockLicenses ? ' FOR UPDATE' : '';
  const one = async <Row>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as Row | undefined;
  const many = async <Row>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as Row[];
  const changed = async (sql: string, ...params: unknown[]) => (await query(sql, params)).rowCount ?? 0;
  const maybe = <Row, T>(row: Row | undefined, map: (row: Row) => T) => (row === undefined ? undefined : map(row));

  return {
    async createPlan(terms, at) {
      const releaseLimit = terms.releaseLimit === undefined ? DEFAULT_RELEASE_LIMIT : terms.releaseLimit;
      const row = await one<PlanRow>(
        `INSERT INTO plans (name, activation_limit, expiry_value, expiry_unit, mode, plugins, versions_min, versions_max,
           release_limit_count, release_limit_days, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
        terms.name, terms.activationLimit, terms.expiry?.value ?? null, terms.expiry?.unit ?? null, terms.mode,
        JSON.stringify(terms.plugins), terms.versions.min, terms.versions.max,
        releaseLimit?.count ?? null, releaseLimit?.days ?? null, at,
      );
      return toPlan(row as PlanRow);
    },
    listPlans: async () => (await many<PlanRow>('SELECT * FROM plans ORDER BY id')).map(toPlan),
    findPlan: async (id) => maybe(await one<PlanRow>('SELECT * FROM plans WHERE id = $1', id), toPlan),
    async updatePlan(id, terms) {
      const releaseLimit = terms.releaseLimit === undefined ? DEFAULT_RELEASE_LIMIT : terms.releaseLimit;
      const row = await one<PlanRow>(
        `UPDATE plans SET name = $1, activation_limit = $2, expiry_value = $3, expiry_unit = $4, mode = $5, plugins = $6, versions_min = $7,
           versions_max = $8, release_limit_count = $9, release_limit_days = $10 WHERE id = $11 RETURNING *`,
        terms.name, terms.activationLimit, terms.expiry?.value ?? null, terms.expiry?.unit ?? null, terms.mode,
        JSON.stringify(terms.plugins), terms.versions.min, terms.versions.max, releaseLimit?.count ?? null, releaseLimit?.days ?? null, id,
      );
      return maybe(row, toPlan);
    },

    async createOrder(planId, l, details = { customer: NO_CUSTOMER, idempotencyKey: null, keyGroups: null }) {
      if (await one('SELECT 1 FROM licenses WHERE id = $1', l.id)) return 'id-taken';
      const { customer } = details;
      const order = await one<{ id: number }>(
        `INSERT INTO orders (plan_id, kind, created_at, customer_email, customer_name, customer_reference, email_search, name_search, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        planId, orderKindOf(l.plan), l.createdAt, customer.email, customer.name, customer.reference, searchForm(customer.email), searchForm(customer.name),
        details.idempotencyKey,
      );
      const row = await one<LicenseRow>(
        `INSERT INTO licenses (id, order_id, key_hash, key_ciphertext, status, expires_at, activation_limit, plan, created_at, key_head, key_tail)
         VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, $9, $10) RETURNING *`,
        l.id, order?.id, l.keyHash, Buffer.from(l.keyCiphertext), l.expiresAt, l.activationLimit, JSON.stringify(l.plan), l.createdAt,
        details.keyGroups?.head ?? null, details.keyGroups?.tail ?? null,
      );
      return toLicense(row as LicenseRow);
    },
    findOrder: async (id) =>
      maybe(await one<OrderLicenseRow>(`SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.id = $1`, id), toOrderWithLicense),
    findOrderByRetryKey: async (idempotencyKey, reference) =>
      maybe(
        await one<OrderLicenseRow>(
          `SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.idempotency_key = $1 OR o.customer_reference = $2 ORDER BY o.id LIMIT 1`,
          idempotencyKey, reference,
        ),
        toOrderWithLicense,
      ),
    async searchOrders(query) {
      const { sql, params } = orderSearchSql(query);
      let n = 0;
      return (await many<OrderLicenseRow>(sql.replace(/\?/g, () => `$${++n}`), ...params)).map(toOrderWithLicense);
    },
    findLicenseByKeyHash: async (hash) => maybe(await one<LicenseRow>(`SELECT * FROM licenses WHERE key_hash = $1${lock}`, hash), toLicense),
    findLicenseById: async (id) => maybe(await one<LicenseRow>(`SELECT * FROM licenses WHERE id = $1${lock}`, id), toLicense),
    replaceKey: async (id, hash, ciphertext, groups) =>
      void (await query('UPDATE licenses SET key_hash = $1, key_ciphertext = $2, key_head = $3, key_tail = $4 WHERE id = $5', [
        hash, Buffer.from(ciphertext), groups?.head ?? null, groups?.tail ?? null, id,
      ])),
    setActivationLimit: async (id, limit) => void (await query('UPDATE licenses SET activation_limit = $1 WHERE id = $2', [limit, id])),
    setExpiry: async (id, expiresAt) => void (await query('UPDATE licenses SET expires_at = $1 WHERE id = $2', [expiresAt, id])),
    deactivateLicense: async (id, at) =>
      void (await query(`UPDATE licenses SET status = 'deactivated', deactivated_at = $1 WHERE id = $2 AND status = 'active'`, [at, id])),

    async insertActivation(a) {
      const row = await one<ActivationRow>(
        `INSERT INTO activations (license_id, instance_id, instance_name, metadata, fingerprint, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *`,
        a.licenseId, a.instanceId, a.instanceName, JSON.stringify(a.metadata), JSON.stringify(a.fingerprint), a.at,
      );
      return toActivation(row as ActivationRow);
    },
    async findLicenseWithLiveActivation(hash, instanceId) {
      const row = await one<LicenseRow & LiveColumns>(
        `SELECT l.*, a.id AS a_id, a.instance_name AS a_instance_name, a.metadata AS a_metadata, a.fingerprint AS a_fingerprint,
                a.created_at AS a_created_at, a.last_seen_at AS a_last_seen_at, a.certificate_digest AS a_certificate_digest
           FROM licenses l
           LEFT JOIN activations a ON a.license_id = l.id AND a.instance_id = $2 AND a.ended_at IS NULL
          WHERE l.key_hash = $1${lock ? ' FOR UPDATE OF l' : ''}`,
        hash, instanceId,
      );
      if (!row) return undefined;
      const live =
        row.a_id === null
          ? undefined
          : toActivation({
              id: row.a_id, license_id: row.id, instance_id: instanceId, instance_name: row.a_instance_name, metadata: row.a_metadata,
              fingerprint: row.a_fingerprint, created_at: row.a_created_at, last_seen_at: row.a_last_seen_at, ended_at: null, end_reason: null, ended_by: null,
              certificate_digest: row.a_certificate_digest,
            } as ActivationRow);
      return { license: toLicense(row), live };
    },
    findLiveActivation: async (licenseId, instanceId) =>
      maybe(
        await one<ActivationRow>('SELECT * FROM activations WHERE license_id = $1 AND instance_id = $2 AND ended_at IS NULL', licenseId, instanceId),
        toActivation,
      ),
    findLatestActivation: async (licenseId, instanceId) =>
      maybe(
        await one<ActivationRow>('SELECT * FROM activations WHERE license_id = $1 AND instance_id = $2 ORDER BY id DESC LIMIT 1', licenseId, instanceId),
        toActivation,
      ),
    findActivation: async (id) => maybe(await one<ActivationRow>('SELECT * FROM activations WHERE id = $1', id), toActivation),
    countLiveActivations: async (licenseId) =>
      (await one<{ n: number }>('SELECT live_activations AS n FROM licenses WHERE id = $1', licenseId))?.n ?? 0,
    listActivations: async (licenseId) =>
      (await many<ActivationRow>('SELECT * FROM activations WHERE license_id = $1 ORDER BY id', licenseId)).map(toActivation),
    listActivationsPage: async (licenseId, afterId, limit) =>
      (await many<ActivationRow>('SELECT * FROM activations WHERE license_id = $1 AND id > $2 ORDER BY id LIMIT $3', licenseId, afterId, limit)).map(
        toActivation,
      ),
    refreshActivation: async (id, update) =>
      void (await query(
        `UPDATE activations SET last_seen_at = $1, fingerprint = COALESCE($2, fingerprint),
           instance_name = CASE WHEN $3 THEN $4 ELSE instance_name END, metadata = COALESCE($5, metadata) WHERE id = $6`,
        [
          update.at,
          update.fingerprint ? JSON.stringify(update.fingerprint) : null,
          update.instanceName !== undefined,
          update.instanceName ?? null,
          update.metadata ? JSON.stringify(update.metadata) : null,
          id,
        ],
      )),
    recordSightings: async (sightings) => {
      if (sightings.length === 0) return;
      // One statement for the whole batch: a round trip per activation would hold the pool as long.
      await query(
        `UPDATE activations AS a SET last_seen_at = s.at, certificate_digest = s.digest
           FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS s(id, at, digest)
          WHERE a.id = s.id AND a.last_seen_at <= s.at`,
        [sightings.map((s) => s.id), sightings.map((s) => s.at), sightings.map((s) => s.certificateDigest)],
      );
    },
    setCertificateDigest: async (id, digest) => void (await query('UPDATE activations SET certificate_digest = $1 WHERE id = $2', [digest, id])),
    endActivation: async (id, at, reason, endedBy = ENDED_BY_DEVICE) =>
      (await changed('UPDATE activations SET ended_at = $1, end_reason = $2, ended_by = $3 WHERE id = $4 AND ended_at IS NULL', at, reason, endedBy, id)) === 1,
    endAllActivations: (licenseId, at, reason, endedBy = ENDED_BY_DEVICE) =>
      changed('UPDATE activations SET ended_at = $1, end_reason = $2, ended_by = $3 WHERE license_id = $4 AND ended_at IS NULL', at, reason, endedBy, licenseId),
    listReleaseTimes: async (licenseId, since) =>
      (
        await many<{ ended_at: number }>(
          `SELECT ended_at FROM activations WHERE license_id = $1 AND end_reason = 'deactivated' AND ended_at > $2 ORDER BY ended_at`,
          licenseId, since,
        )
      ).map((row) => row.ended_at),

    async findTrialCandidates(instanceId, fingerprint) {
      // 0 is "unknown" and matches nothing (-1 never occurs in a column).
      const values = trialFingerprintValues(fingerprint).map((value) => (value === 0 ? -1 : value));
      return (await many<TrialRow>(`SELECT * FROM trials WHERE ${trialCandidateWhere((n) => `$${n}`)} ORDER BY id`, instanceId, ...values)).map(toTrial);
    },
    async insertTrial(t) {
      const row = await one<TrialRow>(
        `INSERT INTO trials (license_id, instance_id, ${TRIAL_FINGERPRINT_COLUMNS.join(', ')}, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (instance_id) DO NOTHING RETURNING *`,
        t.licenseId, t.instanceId, ...trialFingerprintValues(t.fingerprint), t.createdAt,
      );
      return row ? toTrial(row) : 'instance-taken';
    },

    async addAdminToken(t) {
      const row = await one<AdminTokenRow>(
        'INSERT INTO admin_tokens (token_hash, label, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING *',
        t.tokenHash, t.label, t.createdAt, t.expiresAt,
      );
      return toAdminToken(row as AdminTokenRow);
    },
    listAdminTokens: async () => (await many<AdminTokenRow>('SELECT * FROM admin_tokens ORDER BY id')).map(toAdminToken),
    revokeAdminToken: async (id, at) =>
      (await changed('UPDATE admin_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', at, id)) === 1,
    recordAdminTokenUse: async (id, at) => void (await query('UPDATE admin_tokens SET last_used_at = $1 WHERE id = $2', [at, id])),

    async addConsoleUser(u) {
      const row = await one<ConsoleUserRow>(
        'INSERT INTO console_users (email, role, created_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING *',
        u.email, u.role, u.createdAt,
      );
      return row ? toConsoleUser(row) : 'email-taken';
    },
    findConsoleUserByEmail: async (email) => maybe(await one<ConsoleUserRow>('SELECT * FROM console_users WHERE email = $1', email), toConsoleUser),
    listConsoleUsers: async () => (await many<ConsoleUserRow>('SELECT * FROM console_users ORDER BY id')).map(toConsoleUser),
    setConsolePassword: async (id, hash) => void (await query('UPDATE console_users SET password_hash = $1 WHERE id = $2', [hash, id])),
    addSignInLink: async (l) =>
      void (await query('INSERT INTO console_sign_in_links (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [l.tokenHash, l.userId, l.expiresAt])),
    async useSignInLink(hash, at) {
      const used = await one<{ user_id: number }>(
        'UPDATE console_sign_in_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id',
        at, hash,
      );
      return used && maybe(await one<ConsoleUserRow>('SELECT * FROM console_users WHERE id = $1', used.user_id), toConsoleUser);
    },
    addConsoleSession: async (c) =>
      void (await query('INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        c.tokenHash, c.userId, c.csrfToken, c.createdAt, c.expiresAt,
      ])),
    async findConsoleSession(hash, at) {
      const row = await one<ConsoleUserRow & { csrf_token: string; session_expires_at: number }>(
        `SELECT u.*, s.csrf_token, s.expires_at AS session_expires_at FROM console_sessions s JOIN console_users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2`,
        hash, at,
      );
      return row && { user: toConsoleUser(row), csrfToken: row.csrf_token, expiresAt: row.session_expires_at };
    },
    deleteConsoleSession: async (hash) => void (await query('DELETE FROM console_sessions WHERE token_hash = $1', [hash])),

    addAuditEvent: async (event) => void (await query(audit.numbered(audit.INSERT_AUDIT_EVENT), audit.auditEventParams(event))),
    async listAuditEvents(q) {
      const { sql, params } = audit.auditListSql(q);
      return (await many<AuditEventRow>(audit.numbered(sql), ...params)).map(toAuditEvent);
    },
    async addRefusalCounts(counts) {
      for (const c of counts) await query(audit.numbered(audit.ADD_REFUSAL_COUNT), [c.code, c.hour, c.count]);
    },
    countRefusals: (sinceHour) => many<{ code: string; count: number }>(audit.numbered(audit.COUNT_REFUSALS), sinceHour),
    countActiveLicenses: async (now) => (await one<{ n: number }>(audit.numbered(audit.COUNT_ACTIVE_LICENSES), now))?.n ?? 0,
    countActivationsSince: async (since) => (await one<{ n: number }>(audit.numbered(audit.COUNT_ACTIVATIONS_SINCE), since))?.n ?? 0,
    findExpiringLicenses: async (from, to, limit) => ({
      count: (await one<{ n: number }>(audit.numbered(audit.COUNT_EXPIRING), from, to))?.n ?? 0,
      first: (await many<LicenseRow>(audit.numbered(audit.FIRST_EXPIRING), from, to, limit)).map(toLicense),
    }),
    deleteExpiredConsoleSessions: (at) => changed('DELETE FROM console_sessions WHERE expires_at <= $1', at),

    getSetting: async (name) => (await one<{ value: string }>('SELECT value FROM settings WHERE name = $1', name))?.value,
    setSetting: async (name, value) =>
      void (await query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value])),

    addSigningKey: async (key) =>
      void (await query('INSERT INTO signing_keys (id, public_key, created_at) VALUES ($1, $2, $3)', [key.id, key.publicKey, key.createdAt])),
    listSigningKeys: async () => (await many<SigningKeyRow>('SELECT * FROM signing_keys ORDER BY created_at, id')).map(toSigningKey),

    listLicensesWithoutKeyGroups: async (afterId, limit) =>
      (await many<LicenseRow>('SELECT * FROM licenses WHERE key_head IS NULL AND id > $1 ORDER BY id LIMIT $2', afterId, limit)).map(toLicense),
    setKeyGroups: async (id, groups) =>
      void (await query('UPDATE licenses SET key_head = $1, key_tail = $2 WHERE id = $3', [groups.head, groups.tail, id])),

    sampleLicense: async () => maybe(await one<LicenseRow>('SELECT * FROM licenses ORDER BY id LIMIT 1'), toLicense),
  };
}
