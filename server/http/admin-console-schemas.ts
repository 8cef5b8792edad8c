import { z } from 'zod';
import type { AuditSearch } from '../licensing/audit-log.ts';

/* Requests of the admin API's console parts: the audit log, API tokens, the support lookup. */

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((text) => Date.parse(text));
const limit = z.string().regex(/^\d{1,4}$/).transform(Number).pipe(z.int().min(1).max(100));

export const AuditQuery = z.strictObject({
  license: z.string().max(200).optional(),
  actor: z.string().max(300).optional(),
  action: z.string().max(60).optional(),
  since: instant.optional(),
  until: instant.optional(),
  cursor: z.string().max(100).optional(),
  limit: limit.default(50),
});

export function auditSearch(query: z.infer<typeof AuditQuery>): AuditSearch {
  const { license, actor, action, since, until, cursor } = query;
  return {
    ...(license === undefined ? {} : { license }),
    ...(actor === undefined ? {} : { actor }),
    ...(action === undefined ? {} : { action }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(cursor === undefined ? {} : { cursor }),
    limit: query.limit,
  };
}

export const LicenseAuditQuery = AuditQuery.omit({ license: true });

export const TokenBody = z.strictObject({
  label: z.string().trim().min(1).max(100),
  // null = never expires; a date alone is 00:00 UTC of that day, as the CLI's --expires reads it.
  expires_at: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).nullable().default(null),
});

export const TokenParams = z.object({ id: z.string().regex(/^\d{1,15}$/, 'the token id is a number').transform(Number) });

// The bundle is checked by the support code itself (shared/support/bundle.ts checkBundle), which
// names the first problem in support's words.
export const SupportLookupBody = z.looseObject({});
