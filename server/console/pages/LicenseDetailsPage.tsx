import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Activation, ActivationPage, LicenseCard } from '../api/types.ts';
import { AuditTable } from '../components/AuditTable.tsx';
import { DataTable, type ListColumn } from '../components/DataTable.tsx';
import { Link } from '../components/Link.tsx';
import { ReadOnlyNote } from '../components/ReadOnlyNote.tsx';
import { RevokeDialog } from '../components/RevokeDialog.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { READ_ONLY_REASON, useCanChange, useConsole } from '../console-context.ts';
import { endedByText, localTime, relativeTime } from '../format.ts';
import type { Params } from '../router.ts';

/*
 * License Details: every instance the license is active on (name or Instance ID, device info from
 * its metadata, mode, created, last seen) with Revoke per instance, then the ended ones (how,
 * when and by whom), then the audit log of this license.
 */

export const licenseQuery = (id: string) => ['license', id] as const;

function When({ iso }: { iso: string | null }) {
  if (iso === null) return <span className="muted">Never</span>;
  return (
    <time dateTime={iso} title={localTime(iso)}>
      {relativeTime(iso, Date.now())}
    </time>
  );
}

function Instance({ activation }: { activation: Activation }) {
  return (
    <>
      {activation.instance_name !== null && <div>{activation.instance_name}</div>}
      <div className="mono small">{activation.instance_id}</div>
    </>
  );
}

function Device({ activation }: { activation: Activation }) {
  const entries = Object.entries(activation.metadata);
  if (entries.length === 0) return <span className="muted">Not provided</span>;
  return (
    <ul className="plain-list">
      {entries.map(([key, value]) => (
        <li key={key}>
          {key}: {String(value)}
        </li>
      ))}
    </ul>
  );
}

const ENDED_COLUMNS: ListColumn<Activation>[] = [
  { id: 'instance', header: 'Instance', cell: ({ row }) => <Instance activation={row.original} /> },
  { id: 'device', header: 'Device', cell: ({ row }) => <Device activation={row.original} /> },
  { id: 'ended', header: 'Ended', cell: ({ row }) => (row.original.status === 'revoked' ? 'Revoked' : 'Deactivated') },
  { id: 'when', header: 'When', cell: ({ row }) => <When iso={row.original.ended_at} /> },
  { id: 'by', header: 'By', cell: ({ row }) => <span data-testid="ended-by">{endedByText(row.original.ended_by)}</span> },
  { id: 'created', header: 'Activated', cell: ({ row }) => <When iso={row.original.created_at} /> },
];

export function LicenseDetailsPage({ params }: { params: Params }) {
  const { api } = useConsole();
  const canChange = useCanChange();
  const id = params.id as string;
  const [revoking, setRevoking] = useState<Activation | null>(null);
  const license = useQuery({ queryKey: licenseQuery(id), queryFn: () => api.get<{ license: LicenseCard }>(`/admin/licenses/${encodeURIComponent(id)}`) });
  const activations = useInfiniteQuery({
    queryKey: [...licenseQuery(id), 'activations'],
    queryFn: ({ pageParam }) =>
      api.get<ActivationPage>(`/admin/licenses/${encodeURIComponent(id)}/activations?limit=100${pageParam === null ? '' : `&cursor=${encodeURIComponent(pageParam)}`}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const all = activations.data?.pages.flatMap((page) => page.activations) ?? [];
  const live = all.filter((a) => a.status === 'active');
  const ended = all.filter((a) => a.status !== 'active');
  const mode = license.data?.license.plan.mode ?? '';

  // Stable across renders: a new cell function would remount the cells, and the Revoke button a
  // dialog returns focus to would be gone.
  const liveColumns = useMemo<ListColumn<Activation>[]>(() => [
    { id: 'instance', header: 'Instance', cell: ({ row }) => <Instance activation={row.original} /> },
    { id: 'device', header: 'Device', cell: ({ row }) => <Device activation={row.original} /> },
    { id: 'mode', header: 'Mode', cell: () => mode },
    { id: 'created', header: 'Activated', cell: ({ row }) => <When iso={row.original.created_at} /> },
    { id: 'seen', header: 'Last seen', cell: ({ row }) => <When iso={row.original.last_seen_at} /> },
    {
      id: 'revoke',
      header: 'Action',
      cell: ({ row }) => (
        <button
          type="button"
          className="danger"
          aria-disabled={canChange ? undefined : 'true'}
          title={canChange ? undefined : READ_ONLY_REASON}
          aria-label={`Revoke ${row.original.instance_name ?? row.original.instance_id}`}
          onClick={() => canChange && setRevoking(row.original)}
        >
          Revoke
        </button>
      ),
    },
  ], [mode, canChange]);

  return (
    <section className="page">
      <p className="crumbs">
        <Link href="/console/orders">Orders</Link>
        {license.data && (
          <>
            {' › '}
            <Link href={`/console/orders/${license.data.license.order_id}`}>Order {license.data.license.order_id}</Link>
          </>
        )}
      </p>
      <h1>License Details</h1>
      <ReadOnlyNote />
      {license.isPending && <Loading what="the license" />}
      {license.isError && <ErrorState error={license.error} onRetry={() => license.refetch()} />}
      {license.isSuccess && (
        <p className="card summary">
          <StatusBadge status={license.data.license.status} /> <span data-testid="license-activations">{license.data.license.activations_text}</span> ·{' '}
          {license.data.license.expiry_text} · {license.data.license.plan.name} ({mode})
        </p>
      )}
      {activations.isPending && <Loading what="activations" />}
      {activations.isError && <ErrorState error={activations.error} onRetry={() => activations.refetch()} />}
      {activations.isSuccess && (
        <>
          <h2>Active instances</h2>
          {live.length === 0 ? (
            <Empty>The license is not active on any instance.</Empty>
          ) : (
            <DataTable caption="Instances where the license is active" columns={liveColumns} rows={live} rowId={(a) => String(a.id)} />
          )}
          {!canChange && live.length > 0 && <p className="muted small">{READ_ONLY_REASON}.</p>}
          <h2>Ended activations</h2>
          {ended.length === 0 ? (
            <Empty>No activation has ended.</Empty>
          ) : (
            <DataTable caption="Activations deactivated or revoked" columns={ENDED_COLUMNS} rows={ended} rowId={(a) => String(a.id)} />
          )}
          {activations.hasNextPage && (
            <button type="button" onClick={() => activations.fetchNextPage()} disabled={activations.isFetchingNextPage}>
              Show more activations
            </button>
          )}
        </>
      )}
      {license.isSuccess && (
        <>
          <h2>Audit log</h2>
          <AuditTable path={`/admin/licenses/${encodeURIComponent(id)}/audit`} query="" caption="Changes to this license" empty="Nothing has been changed on this license yet." />
        </>
      )}
      {revoking && license.data && <RevokeDialog license={license.data.license} activation={revoking} onClose={() => setRevoking(null)} />}
    </section>
  );
}
