import type { AuditQuery } from '../storage/storage.ts';
import { resolveLicense } from './admin-service.ts';
import { auditEventView } from './audit.ts';
import type { LicensingContext } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/* Reading the audit log: one page, newest first, filtered; shared by the admin API and the CLI. */

export interface AuditSearch {
  /** A license id or key, as everywhere else. */
  readonly license?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly since?: number;
  readonly until?: number;
  readonly cursor?: string;
  readonly limit: number;
}

export async function listAudit(ctx: LicensingContext, search: AuditSearch) {
  const licenseId = search.license === undefined ? undefined : (await resolveLicense(ctx, search.license)).id;
  const query: AuditQuery = {
    ...(licenseId === undefined ? {} : { licenseId }),
    ...(search.actor === undefined ? {} : { actor: search.actor }),
    ...(search.action === undefined ? {} : { action: search.action }),
    ...(search.since === undefined ? {} : { since: search.since }),
    ...(search.until === undefined ? {} : { until: search.until }),
    ...(search.cursor === undefined ? {} : { beforeId: decodeCursor(search.cursor) }),
    limit: search.limit + 1,
  };
  const found = await ctx.storage.listAuditEvents(query);
  const page = found.slice(0, search.limit);
  const last = page.at(-1);
  return { events: page.map(auditEventView), next_cursor: found.length > search.limit && last ? encodeCursor(last.id) : null };
}
