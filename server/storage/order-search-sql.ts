import type { OrderQuery } from './storage.ts';

/*
 * The order search as one SQL text for both backends (`?` placeholders; postgres-operations.ts
 * numbers them). Each way of matching is its own indexed subquery, united into the set of order
 * ids, so a search stays an index lookup at a million licenses instead of a scan that tests every
 * row against an OR. Paging is keyset (id below the last one seen), never OFFSET.
 */

/** Sorts after every character, so [prefix, prefix + TOP) is the range of texts starting with prefix. */
const TOP = '\u{10FFFF}';

export const ORDER_COLUMNS = `l.*, o.plan_id AS order_plan_id, o.created_at AS order_created_at, o.customer_email,
  o.customer_name, o.customer_reference, o.idempotency_key`;

export const ORDER_FROM = 'orders o JOIN licenses l ON l.order_id = o.id';

export function orderSearchSql(query: OrderQuery): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const match = query.match;
  if (match) {
    const ways: string[] = [];
    if (match.textPrefix !== undefined && match.textPrefix !== '') {
      ways.push('SELECT id FROM orders WHERE email_search >= ? AND email_search < ?');
      ways.push('SELECT id FROM orders WHERE name_search >= ? AND name_search < ?');
      params.push(match.textPrefix, match.textPrefix + TOP, match.textPrefix, match.textPrefix + TOP);
    }
    if (match.orderId !== undefined) ways.push('SELECT id FROM orders WHERE id = ?'), params.push(match.orderId);
    if (match.reference !== undefined) ways.push('SELECT id FROM orders WHERE customer_reference = ?'), params.push(match.reference);
    if (match.keyGroups) {
      ways.push('SELECT order_id FROM licenses WHERE key_head = ? AND key_tail = ?');
      params.push(match.keyGroups.head, match.keyGroups.tail);
    }
    if (match.keyHash !== undefined) ways.push('SELECT order_id FROM licenses WHERE key_hash = ?'), params.push(match.keyHash);
    if (match.instanceId !== undefined) {
      ways.push('SELECT k.order_id FROM activations a JOIN licenses k ON k.id = a.license_id WHERE a.instance_id = ?');
      params.push(match.instanceId);
    }
    where.push(ways.length === 0 ? '1 = 0' : `o.id IN (${ways.join(' UNION ')})`);
  }
  if (query.planId !== undefined) where.push('o.plan_id = ?'), params.push(query.planId);
  if (query.status === 'deactivated') where.push(`l.status = 'deactivated'`);
  if (query.status === 'active') where.push(`l.status = 'active' AND (l.expires_at IS NULL OR l.expires_at > ?)`), params.push(query.now);
  if (query.status === 'expired') where.push(`l.status = 'active' AND l.expires_at <= ?`), params.push(query.now);
  if (query.expiresBy !== undefined) {
    where.push(`l.status = 'active' AND l.expires_at > ? AND l.expires_at <= ?`);
    params.push(query.now, query.expiresBy);
  }
  if (query.beforeOrderId !== undefined) where.push('o.id < ?'), params.push(query.beforeOrderId);
  params.push(query.limit);
  const filter = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
  return { sql: `SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM}${filter} ORDER BY o.id DESC LIMIT ?`, params };
}

/** The lowercased form the *_search columns hold and a prefix is compared with. */
export const searchForm = (text: string | null): string | null => (text === null ? null : text.trim().toLowerCase());
