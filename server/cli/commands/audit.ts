import { listAudit } from '../../licensing/audit-log.ts';
import { AuditQuery, auditSearch } from '../../http/admin-console-schemas.ts';
import { parseBody } from '../../http/validate-request.ts';
import type { Command } from '../command.ts';
import { printable } from '../render.ts';
import { withDataDir } from '../session.ts';

/* `keyhole audit list`: who changed what, newest first — the same log and filters as GET /admin/audit. */

type Event = Awaited<ReturnType<typeof listAudit>>['events'][number];

const changed = (before: unknown, after: unknown): string => {
  if (before === null || typeof before !== 'object' || after === null || typeof after !== 'object') return '';
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const fields = Object.keys(a).filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return fields.map((k) => ` ${k}: ${JSON.stringify(b[k] ?? null)} → ${JSON.stringify(a[k])}`).join(',');
};

function describeEvent(e: Event): string {
  const target = e.license_id !== null ? ` license ${e.license_id}` : e.plan_id !== null ? ` plan ${e.plan_id}` : '';
  return `${e.at.slice(0, 19).replace('T', ' ')} UTC  ${printable(e.actor)}  ${e.action}${target}${changed(e.before, e.after)}`;
}

const list: Command = {
  words: ['audit', 'list'],
  summary: 'List the audit log, newest first: who changed what, before → after, when',
  options: {
    license: { type: 'string' },
    actor: { type: 'string' },
    action: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    cursor: { type: 'string' },
    limit: { type: 'string' },
  },
  optionHelp: [
    ['--license REF', 'the changes of one license (its id or key)'],
    ['--actor WHO', 'e.g. token:ci, console:ann@example.com, cli:root'],
    ['--action VERB', 'e.g. license.expiry, order.create, token.revoke'],
    ['--since DATE', 'from this time (ISO 8601, UTC)'],
    ['--until DATE', 'before this time'],
    ['--limit N', 'events per page (1–100, default 50)'],
    ['--cursor C', 'the next page, as the previous page printed it'],
  ],
  run: (input) =>
    withDataDir(input, async ({ context }) => {
      const names = ['license', 'actor', 'action', 'since', 'until', 'cursor', 'limit'] as const;
      // The API's own schema, so the CLI and the API accept the same filters.
      const query = parseBody(AuditQuery, Object.fromEntries(names.map((n) => [n, input.values[n]]).filter(([, v]) => typeof v === 'string')));
      const page = await listAudit(context, auditSearch(query));
      const lines = page.events.length === 0 ? ['No audit events match.'] : page.events.map(describeEvent);
      if (page.next_cursor !== null) lines.push(`More: --cursor ${page.next_cursor}`);
      input.out.result(page, lines.join('\n'));
    }),
};

export const auditCommands = [list];
