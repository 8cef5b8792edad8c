import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useShownPage } from './shown-page.ts';
import { useState } from 'react';
import type { AuditEvent, AuditPage } from '../api/types.ts';
import { useConsole } from '../console-context.ts';
import { localTime } from '../format.ts';
import { changeLines } from './audit-change.ts';
import { DataTable, type ListColumn } from './DataTable.tsx';
import { Link } from './Link.tsx';
import { Empty, ErrorState, Loading } from './States.tsx';

/*
 * One page of audit events, newest first, with keyset paging (the cursors of the pages seen make
 * "Previous page"): who, what, the license, order and plan it names (linked), before → after, when.
 * Used by the Audit log page and by License Details; `query` is the filter part of the address.
 */

function Targets({ event }: { event: AuditEvent }) {
  const links = [
    event.license_id !== null && <Link key="l" href={`/console/licenses/${event.license_id}`}>License {event.license_id}</Link>,
    event.order_id !== null && <Link key="o" href={`/console/orders/${event.order_id}`}>Order {event.order_id}</Link>,
    event.plan_id !== null && <Link key="p" href={`/console/plans/${event.plan_id}`}>Plan {event.plan_id}</Link>,
  ].filter(Boolean);
  if (links.length === 0) return <span className="muted">—</span>;
  return <ul className="plain-list">{links.map((link, i) => <li key={i}>{link}</li>)}</ul>;
}

function Change({ event }: { event: AuditEvent }) {
  const lines = changeLines(event.before, event.after);
  if (lines.length === 0) return <span className="muted">No fields</span>;
  return (
    <ul className="change-list">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

const COLUMNS: ListColumn<AuditEvent>[] = [
  { id: 'when', header: 'When', cell: ({ row }) => <time dateTime={row.original.at}>{localTime(row.original.at)}</time> },
  { id: 'actor', header: 'Who', cell: ({ row }) => <span className="mono">{row.original.actor}</span> },
  { id: 'action', header: 'What', cell: ({ row }) => <span className="mono">{row.original.action}</span> },
  { id: 'change', header: 'Before → after', cell: ({ row }) => <Change event={row.original} /> },
  { id: 'targets', header: 'Concerns', cell: ({ row }) => <Targets event={row.original} /> },
  { id: 'request', header: 'Request ID', cell: ({ row }) => <span className="mono small">{row.original.request_id ?? '—'}</span> },
];

export function AuditTable({ path, query, caption, empty }: { path: string; query: string; caption: string; empty: string }) {
  const { api } = useConsole();
  const [trail, setTrail] = useState<{ key: string; cursors: (string | null)[] }>({ key: query, cursors: [null] });
  const cursors = trail.key === query ? trail.cursors : [null];
  const cursor = cursors.at(-1) ?? null;
  const address = () => {
    const params = new URLSearchParams(query);
    if (cursor !== null) params.set('cursor', cursor);
    const text = params.toString();
    return text === '' ? path : `${path}?${text}`;
  };
  const events = useQuery({ queryKey: ['audit', path, query, cursor], queryFn: () => api.get<AuditPage>(address()), placeholderData: keepPreviousData });
  const page = cursors.length;
  const shownPage = useShownPage(page, events.isPlaceholderData);

  if (events.isPending) return <Loading what="the audit log" />;
  if (events.isError) return <ErrorState error={events.error} onRetry={() => events.refetch()} />;
  if (events.data.events.length === 0) return <Empty>{empty}</Empty>;
  const next = events.data.next_cursor;
  return (
    <>
      <DataTable caption={`${caption}, newest first (page ${shownPage})`} columns={COLUMNS} rows={events.data.events} rowId={(event) => String(event.id)} updating={events.isPlaceholderData} />
      <nav className="actions" aria-label="Audit log pages">
        <button type="button" disabled={page === 1} onClick={() => setTrail({ key: query, cursors: cursors.slice(0, -1) })}>
          Previous page
        </button>
        <button type="button" disabled={next === null} onClick={() => setTrail({ key: query, cursors: [...cursors, next] })}>
          Next page
        </button>
      </nav>
    </>
  );
}
