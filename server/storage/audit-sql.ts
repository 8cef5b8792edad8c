import type { AuditQuery, NewAuditEvent } from './storage.ts';

/*
 * The audit log's SQL for both backends (`?` placeholders; postgres-operations.ts numbers them).
 * Newest first with keyset paging on the id, so a page deep in a long log costs what the first does;
 * each filter has an index that starts with its column and ends with the id.
 */

export const INSERT_AUDIT_EVENT = `INSERT INTO audit_events (at, actor, action, license_id, order_id, plan_id, before_json, after_json, request_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export const auditEventParams = (e: NewAuditEvent): unknown[] => [
  e.at, e.actor, e.action, e.licenseId, e.orderId, e.planId, e.before, e.after, e.requestId,
];

export function auditListSql(query: AuditQuery): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const filter = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (query.licenseId !== undefined) filter('license_id = ?', query.licenseId);
  if (query.actor !== undefined) filter('actor = ?', query.actor);
  if (query.action !== undefined) filter('action = ?', query.action);
  if (query.since !== undefined) filter('at >= ?', query.since);
  if (query.until !== undefined) filter('at < ?', query.until);
  if (query.beforeId !== undefined) filter('id < ?', query.beforeId);
  params.push(query.limit);
  const clauses = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
  return { sql: `SELECT * FROM audit_events${clauses} ORDER BY id DESC LIMIT ?`, params };
}

export const ADD_REFUSAL_COUNT = `INSERT INTO refusal_counts (code, hour, count) VALUES (?, ?, ?)
  ON CONFLICT (code, hour) DO UPDATE SET count = refusal_counts.count + excluded.count`;

export const COUNT_REFUSALS = 'SELECT code, CAST(SUM(count) AS BIGINT) AS count FROM refusal_counts WHERE hour >= ? GROUP BY code ORDER BY 2 DESC, code';

// Two ranges of the active-licenses expiry index (never expires, expires later) instead of an OR,
// which would make the database test every active license.
export const COUNT_ACTIVE_LICENSES = `SELECT (SELECT COUNT(*) FROM licenses WHERE status = 'active' AND expires_at IS NULL)
  + (SELECT COUNT(*) FROM licenses WHERE status = 'active' AND expires_at > ?) AS n`;
export const COUNT_ACTIVATIONS_SINCE = 'SELECT COUNT(*) AS n FROM activations WHERE created_at >= ?';
export const COUNT_EXPIRING = `SELECT COUNT(*) AS n FROM licenses WHERE status = 'active' AND expires_at > ? AND expires_at <= ?`;
export const FIRST_EXPIRING = `SELECT * FROM licenses WHERE status = 'active' AND expires_at > ? AND expires_at <= ? ORDER BY expires_at, id LIMIT ?`;

/** `?` → `$1`, `$2`, … for PostgreSQL. */
export const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
