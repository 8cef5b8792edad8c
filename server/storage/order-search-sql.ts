import type { OrderQuery } from './storage.ts';

/*
 * The order search as one SQL text for both backends (`?` placeholders; postgres-operations.ts
 * numbers them). Each way of matching is its own indexed subquery, united into the set of order
 * ids, so a search stays an index lookup at a million licenses instead of a scan that tests every
 * row against an OR. Paging is keyset (id below the last one seen), never OFFSET.
 */

/** Sorts after every character, so [prefix, prefix + TOP) is the range of texts starting with prefix. */
const TOP = '\u{10FFFF}';

export const ORDER_COLUMNS = `l.*, o.plan_id AS order_plan_id, o.kind AS order_kind, o.created_at AS order_created_at, o.customer_email,
  o.customer_name, o.customer_reference, o.idempotency_key`;

export const ORDER_FROM = 'orders o JOIN licenses l ON l.order_id = o.id';

export function orderSearchSql(query: OrderQuery): { sql: string; params: unknown[] } {
  // Clauses and their values are kept in the order they appear in the text.
  const where: string[] = [];
  const params: unknown[] = [];
  const filter = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  const match = query.match;
  if (match) {
    const ways: string[] = [];
    const way = (sql: string, ...values: unknown[]) => {
      ways.push(sql);
      params.push(...values);
    };
    if (match.textPrefix !== undefined && match.textPrefix !== '') {
      const [from, to] = [match.textPrefix, match.textPrefix + TOP];
      way('SELECT id FROM orders WHERE email_search >= ? AND email_search < ?', from, to);
      way('SELECT id FROM orders WHERE name_search >= ? AND name_search < ?', from, to);
    }
    if (match.orderId !== undefined) way('SELECT id FROM orders WHERE id = ?', match.orderId);
    if (match.reference !== undefined) way('SELECT id FROM orders WHERE customer_reference = ?', match.reference);
    if (match.keyGroups) way('SELECT order_id FROM licenses WHERE key_head = ? AND key_tail = ?', match.keyGroups.head, match.keyGroups.tail);
    if (match.keyHash !== undefined) way('SELECT order_id FROM licenses WHERE key_hash = ?', match.keyHash);
    if (match.instanceId !== undefined) {
      way('SELECT k.order_id FROM activations a JOIN licenses k ON k.id = a.license_id WHERE a.instance_id = ?', match.instanceId);
    }
    where.push(ways.length === 0 ? '1 = 0' : `o.id IN (${ways.join(' UNION ')})`);
  }
  if (query.planId !== undefined) filter('o.plan_id = ?', query.planId);
  if (query.kind !== undefined) filter('o.kind = ?', query.kind);
  if (query.status === 'deactivated') filter(`l.status = 'deactivated'`);
  if (query.status === 'active') filter(`l.status = 'active' AND (l.expires_at IS NULL OR l.expires_at > ?)`, query.now);
  if (query.status === 'expired') filter(`l.status = 'active' AND l.expires_at <= ?`, query.now);
  if (query.expiresBy !== undefined) filter(`l.status = 'active' AND l.expires_at > ? AND l.expires_at <= ?`, query.now, query.expiresBy);
  if (query.beforeOrderId !== undefined) filter('o.id < ?', query.beforeOrderId);
  params.push(query.limit);
  const clauses = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
  return { sql: `SELECT ${ORDER_COLUMNS} FROM ${ORDER_FROM}${clauses} ORDER BY o.id DESC LIMIT ?`, params };
}

/** The lowercased form the *_search columns hold and a prefix is compared with. */
export const searchForm = (text: string | null): string | null => (text === null ? null : text.trim().toLowerCase());
