import type Database from 'better-sqlite3';
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
 * The storage operations as SQLite statements. better-sqlite3 is synchronous, so these are plain
 * functions; sqlite-storage.ts decides when they may run (its queue) and wraps them as promises.
 */

/** Each operation of the interface, answering directly instead of with a promise. */
export type SqliteOperations = {
  [K in keyof StorageOperations]: (...args: Parameters<StorageOperations[K]>) => Awaited<ReturnType<StorageOperations[K]>>;
};

export function sqliteOperations(db: Database.Database): SqliteOperations {
  // Statements are prepared once, on first use.
  const cache = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let prepared = cache.get(sql);
    if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
    return prepared;
  };
  const get = <Row>(sql: string, ...params: unknown[]) => statement(sql).get(...params) as Row | undefined;
  const all = <Row>(sql: string, ...params: unknown[]) => statement(sql).all(...params) as Row[];
  const run = (sql: string, ...params: unknown[]) => statement(sql).run(...params);

  const plan = (id: number | bigint) => get<PlanRow>('SELECT * FROM plans WHERE id = ?', id);
  const license = (id: number | bigint) => get<LicenseRow>('SELECT * FROM licenses WHERE id = ?', id);
  const activation = (id: number | bigint) => get<ActivationRow>('SELECT * FROM activations WHERE id = ?', id);

  return {
    createPlan(terms, at) {
      const releaseLimit = terms.releaseLimit === undefined ? DEFAULT_RELEASE_LIMIT : terms.releaseLimit;
      const info = run(
        `INSERT INTO plans (name, activation_limit, expiry_value, expiry_unit, mode, plugins, versions_min, versions_max,
           release_limit_count, release_limit_days, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        terms.name, terms.activationLimit, terms.expiry?.value ?? null, terms.expiry?.unit ?? null, terms.mode,
        JSON.stringify(terms.plugins), terms.versions.min, terms.versions.max,
        releaseLimit?.count ?? null, releaseLimit?.days ?? null, at,
      );
      return toPlan(plan(info.lastInsertRowid) as PlanRow);
    },
    listPlans: () => all<PlanRow>('SELECT * FROM plans ORDER BY id').map(toPlan),
    findPlan: (id) => maybe(plan(id), toPlan),
    updatePlan(id, terms) {
      const releaseLimit = terms.releaseLimit === undefined ? DEFAULT_RELEASE_LIMIT : terms.releaseLimit;
      run(
        `UPDATE plans SET name = ?, activation_limit = ?, expiry_value = ?, expiry_unit = ?, mode = ?, plugins = ?, versions_min = ?,
           versions_max = ?, release_limit_count = ?, release_limit_days = ? WHERE id = ?`,
        terms.name, terms.activationLimit, terms.expiry?.value ?? null, terms.expiry?.unit ?? null, terms.mode,
        JSON.stringify(terms.plugins), terms.versions.min, terms.versions.max, releaseLimit?.count ?? null, releaseLimit?.days ?? null, id,
      );
      return maybe(plan(id), toPlan);
    },

    createOrder(planId, l, details = { customer: NO_CUSTOMER, idempotencyKey: null, keyGroups: null }) {
      if (license(l.id)) return 'id-taken' as const;
      const { customer } = details;
      const order = run(
        `INSERT INTO orders (plan_id, kind, created_at, customer_email, customer_name, customer_reference, email_search, name_search, idempotency_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        planId, orderKindOf(l.plan), l.createdAt, customer.email, customer.name, customer.reference, searchForm(customer.email), searchForm(customer.name),
        details.idempotencyKey,
      );
      run(
        `INSERT INTO licenses (id, order_id, key_hash, key_ciphertext, status, expires_at, activation_limit, plan, created_at, key_head, key_tail)
         VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)`,
        l.id, order.lastInsertRowid, l.keyHash, Buffer.from(l.keyCiphertext), l.expiresAt, l.activationLimit,
        JSON.stringify(l.plan), l.createdAt, details.keyGroups?.head ?? null, details.keyGroups?.tail ?? null,
      );
      return toLicense(license(l.id) as LicenseRow);
    },
    findOrder: (id) => maybe(get<OrderLicenseRow>(`SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.id = ?`, id), toOrderWithLicense),
    findOrderByRetryKey: (idempotencyKey, reference) =>
      maybe(
        get<OrderLicenseRow>(
          `SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM} WHERE o.idempotency_key = ? OR o.customer_reference = ? ORDER BY o.id LIMIT 1`,
          idempotencyKey, reference,
        ),
        toOrderWithLicense,
      ),
    searchOrders(query) {
      const { sql, params } = orderSearchSql(query);
      return all<OrderLicenseRow>(sql, ...params).map(toOrderWithLicense);
    },
    findLicenseByKeyHash: (hash) => maybe(get<LicenseRow>('SELECT * FROM licenses WHERE key_hash = ?', hash), toLicense),
    findLicenseById: (id) => maybe(license(id), toLicense),
    replaceKey: (id, hash, ciphertext, groups) =>
      void run(
        'UPDATE licenses SET key_hash = ?, key_ciphertext = ?, key_head = ?, key_tail = ? WHERE id = ?',
        hash, Buffer.from(ciphertext), groups?.head ?? null, groups?.tail ?? null, id,
      ),
    setActivationLimit: (id, limit) => void run('UPDATE licenses SET activation_limit = ? WHERE id = ?', limit, id),
    setExpiry: (id, expiresAt) => void run('UPDATE licenses SET expires_at = ? WHERE id = ?', expiresAt, id),
    deactivateLicense: (id, at) =>
      void run(`UPDATE licenses SET status = 'deactivated', deactivated_at = ? WHERE id = ? AND status = 'active'`, at, id),

    insertActivation(a) {
      const info = run(
        `INSERT INTO activations (license_id, instance_id, instance_name, metadata, fingerprint, created_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        a.licenseId, a.instanceId, a.instanceName, JSON.stringify(a.metadata), JSON.stringify(a.fingerprint), a.at, a.at,
      );
      return toActivation(activation(info.lastInsertRowid) as ActivationRow);
    },
    findLicenseWithLiveActivation(hash, instanceId) {
      const row = get<LicenseRow>('SELECT * FROM licenses WHERE key_hash = ?', hash);
      if (!row) return undefined;
      const live = get<ActivationRow>('SELECT * FROM activations WHERE license_id = ? AND instance_id = ? AND ended_at IS NULL', row.id, instanceId);
      return { license: toLicense(row), live: maybe(live, toActivation) };
    },
    findLiveActivation: (licenseId, instanceId) =>
      maybe(
        get<ActivationRow>('SELECT * FROM activations WHERE license_id = ? AND instance_id = ? AND ended_at IS NULL', licenseId, instanceId),
        toActivation,
      ),
    findLatestActivation: (licenseId, instanceId) =>
      maybe(
        get<ActivationRow>('SELECT * FROM activations WHERE license_id = ? AND instance_id = ? ORDER BY id DESC LIMIT 1', licenseId, instanceId),
        toActivation,
      ),
    findActivation: (id) => maybe(activation(id), toActivation),
    countLiveActivations: (licenseId) =>
      get<{ n: number }>('SELECT live_activations AS n FROM licenses WHERE id = ?', licenseId)?.n ?? 0,
    listActivations: (licenseId) =>
      all<ActivationRow>('SELECT * FROM activations WHERE license_id = ? ORDER BY id', licenseId).map(toActivation),
    listActivationsPage: (licenseId, afterId, limit) =>
      all<ActivationRow>('SELECT * FROM activations WHERE license_id = ? AND id > ? ORDER BY id LIMIT ?', licenseId, afterId, limit).map(toActivation),
    refreshActivation(id, update) {
      const current = activation(id);
      if (!current) return;
      run(
        'UPDATE activations SET last_seen_at = ?, fingerprint = ?, instance_name = ?, metadata = ? WHERE id = ?',
        update.at,
        update.fingerprint ? JSON.stringify(update.fingerprint) : current.fingerprint,
        update.instanceName === undefined ? current.instance_name : update.instanceName,
        update.metadata ? JSON.stringify(update.metadata) : current.metadata,
        id,
      );
    },
    recordSightings(sightings) {
      for (const sighting of sightings) {
        run(
          'UPDATE activations SET last_seen_at = ?, certificate_digest = ? WHERE id = ? AND last_seen_at <= ?',
          sighting.at, sighting.certificateDigest, sighting.id, sighting.at,
        );
      }
    },
    setCertificateDigest: (id, digest) => void run('UPDATE activations SET certificate_digest = ? WHERE id = ?', digest, id),
    endActivation: (id, at, reason, endedBy = ENDED_BY_DEVICE) =>
      run('UPDATE activations SET ended_at = ?, end_reason = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL', at, reason, endedBy, id).changes === 1,
    endAllActivations: (licenseId, at, reason, endedBy = ENDED_BY_DEVICE) =>
      run('UPDATE activations SET ended_at = ?, end_reason = ?, ended_by = ? WHERE license_id = ? AND ended_at IS NULL', at, reason, endedBy, licenseId)
        .changes,
    listReleaseTimes: (licenseId, since) =>
      all<{ ended_at: number }>(
        `SELECT ended_at FROM activations WHERE license_id = ? AND end_reason = 'deactivated' AND ended_at > ? ORDER BY ended_at`,
        licenseId, since,
      ).map((row) => row.ended_at),

    findTrialCandidates(instanceId, fingerprint) {
      // 0 is "unknown" and matches nothing (-1 never occurs in a column).
      const values = trialFingerprintValues(fingerprint).map((value) => (value === 0 ? -1 : value));
      return all<TrialRow>(`SELECT * FROM trials WHERE ${trialCandidateWhere(() => '?')} ORDER BY id`, instanceId, ...values).map(toTrial);
    },
    insertTrial(t) {
      if (get('SELECT 1 FROM trials WHERE instance_id = ?', t.instanceId)) return 'instance-taken' as const;
      const info = run(
        `INSERT INTO trials (license_id, instance_id, ${TRIAL_FINGERPRINT_COLUMNS.join(', ')}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        t.licenseId, t.instanceId, ...trialFingerprintValues(t.fingerprint), t.createdAt,
      );
      return toTrial(get<TrialRow>('SELECT * FROM trials WHERE id = ?', info.lastInsertRowid) as TrialRow);
    },

    addAdminToken(t) {
      const info = run(
        'INSERT INTO admin_tokens (token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?)',
        t.tokenHash, t.label, t.createdAt, t.expiresAt,
      );
      return toAdminToken(get<AdminTokenRow>('SELECT * FROM admin_tokens WHERE id = ?', info.lastInsertRowid) as AdminTokenRow);
    },
    listAdminTokens: () => all<AdminTokenRow>('SELECT * FROM admin_tokens ORDER BY id').map(toAdminToken),
    revokeAdminToken: (id, at) =>
      run('UPDATE admin_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id).changes === 1,
    recordAdminTokenUse: (id, at) => void run('UPDATE admin_tokens SET last_used_at = ? WHERE id = ?', at, id),

    addConsoleUser(u) {
      if (get('SELECT 1 FROM console_users WHERE email = ?', u.email)) return 'email-taken' as const;
      const info = run('INSERT INTO console_users (email, role, created_at) VALUES (?, ?, ?)', u.email, u.role, u.createdAt);
      return toConsoleUser(get<ConsoleUserRow>('SELECT * FROM console_users WHERE id = ?', info.lastInsertRowid) as ConsoleUserRow);
    },
    findConsoleUserByEmail: (email) => maybe(get<ConsoleUserRow>('SELECT * FROM console_users WHERE email = ?', email), toConsoleUser),
    listConsoleUsers: () => all<ConsoleUserRow>('SELECT * FROM console_users ORDER BY id').map(toConsoleUser),
    setConsolePassword: (id, hash) => void run('UPDATE console_users SET password_hash = ? WHERE id = ?', hash, id),
    addSignInLink: (l) => void run('INSERT INTO console_sign_in_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)', l.tokenHash, l.userId, l.expiresAt),
    useSignInLink(hash, at) {
      const used = get<{ user_id: number }>(
        'UPDATE console_sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id',
        at, hash, at,
      );
      return used && maybe(get<ConsoleUserRow>('SELECT * FROM console_users WHERE id = ?', used.user_id), toConsoleUser);
    },
    addConsoleSession: (c) =>
      void run(
        'INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        c.tokenHash, c.userId, c.csrfToken, c.createdAt, c.expiresAt,
      ),
    findConsoleSession(hash, at) {
      const row = get<ConsoleUserRow & { csrf_token: string; session_expires_at: number }>(
        `SELECT u.*, s.csrf_token, s.expires_at AS session_expires_at FROM console_sessions s JOIN console_users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ?`,
        hash, at,
      );
      return row && { user: toConsoleUser(row), csrfToken: row.csrf_token, expiresAt: row.session_expires_at };
    },
    deleteConsoleSession: (hash) => void run('DELETE FROM console_sessions WHERE token_hash = ?', hash),

    addAuditEvent: (event) => void run(audit.INSERT_AUDIT_EVENT, ...audit.auditEventParams(event)),
    listAuditEvents(query) {
      const { sql, params } = audit.auditListSql(query);
      return all<AuditEventRow>(sql, ...params).map(toAuditEvent);
    },
    addRefusalCounts(counts) {
      for (const c of counts) run(audit.ADD_REFUSAL_COUNT, c.code, c.hour, c.count);
    },
    countRefusals: (sinceHour) => all<{ code: string; count: number }>(audit.COUNT_REFUSALS, sinceHour),
    countActiveLicenses: (now) => (get<{ n: number }>(audit.COUNT_ACTIVE_LICENSES, now) as { n: number }).n,
    countActivationsSince: (since) => (get<{ n: number }>(audit.COUNT_ACTIVATIONS_SINCE, since) as { n: number }).n,
    findExpiringLicenses: (from, to, limit) => ({
      count: (get<{ n: number }>(audit.COUNT_EXPIRING, from, to) as { n: number }).n,
      first: all<LicenseRow>(audit.FIRST_EXPIRING, from, to, limit).map(toLicense),
    }),
    deleteExpiredConsoleSessions: (at) => run('DELETE FROM console_sessions WHERE expires_at <= ?', at).changes,

    getSetting: (name) => get<{ value: string }>('SELECT value FROM settings WHERE name = ?', name)?.value,
    setSetting: (name, value) =>
      void run('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', name, value),

    addSigningKey: (key) =>
      void run('INSERT INTO signing_keys (id, public_key, created_at) VALUES (?, ?, ?)', key.id, key.publicKey, key.createdAt),
    listSigningKeys: () =>
      all<SigningKeyRow>('SELECT * FROM signing_keys ORDER BY created_at, id').map(toSigningKey),

    listLicensesWithoutKeyGroups: (afterId, limit) =>
      all<LicenseRow>('SELECT * FROM licenses WHERE key_head IS NULL AND id > ? ORDER BY id LIMIT ?', afterId, limit).map(toLicense),
    setKeyGroups: (id, groups) => void run('UPDATE licenses SET key_head = ?, key_tail = ? WHERE id = ?', groups.head, groups.tail, id),

    sampleLicense: () => maybe(get<LicenseRow>('SELECT * FROM licenses ORDER BY id LIMIT 1'), toLicense),
  };
}

function maybe<Row, T>(row: Row | undefined, map: (row: Row) => T): T | undefined {
  return row === undefined ? undefined : map(row);
}
