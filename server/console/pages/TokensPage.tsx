import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ApiToken } from '../api/types.ts';
import { DataTable, type ListColumn } from '../components/DataTable.tsx';
import { ReadOnlyNote } from '../components/ReadOnlyNote.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { NewTokenDialog, RevokeTokenDialog, TOKENS_QUERY } from '../components/TokenDialogs.tsx';
import { READ_ONLY_REASON, useCanChange, useConsole } from '../console-context.ts';
import { localTime } from '../format.ts';

/*
 * API tokens for scripts (the shop's webhook, a deploy job): list, New token (shown once), Revoke.
 * Never the token itself in the list: the authority keeps only its hash.
 */

const STATUS: Readonly<Record<string, { text: string; tone: string }>> = {
  active: { text: 'Active', tone: 'ok' },
  expired: { text: 'Expired', tone: 'warn' },
  revoked: { text: 'Revoked', tone: 'bad' },
};

const when = (iso: string | null, none: string) => (iso === null ? <span className="muted">{none}</span> : <time dateTime={iso}>{localTime(iso)}</time>);

export function TokensPage() {
  const { api } = useConsole();
  const canChange = useCanChange();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const tokens = useQuery({ queryKey: TOKENS_QUERY, queryFn: () => api.get<{ tokens: ApiToken[] }>('/admin/tokens') });

  // Stable across renders, so the Revoke button a dialog returns focus to is still there.
  const columns = useMemo<ListColumn<ApiToken>[]>(() => [
    { id: 'label', header: 'Label', cell: ({ row }) => row.original.label },
    {
      id: 'status',
      header: 'Status',
      cell: ({ row }) => {
        const look = STATUS[row.original.status] ?? { text: row.original.status, tone: 'warn' };
        return <span className={`badge nowrap ${look.tone}`}>{look.text}</span>;
      },
    },
    { id: 'created', header: 'Created', cell: ({ row }) => when(row.original.created_at, '—') },
    { id: 'used', header: 'Last used', cell: ({ row }) => when(row.original.last_used_at, 'Never') },
    { id: 'expires', header: 'Expires', cell: ({ row }) => when(row.original.expires_at, 'Never') },
    {
      id: 'revoke',
      header: 'Action',
      cell: ({ row }) =>
        row.original.status === 'active' ? (
          <button
            type="button"
            className="danger"
            aria-disabled={canChange ? undefined : 'true'}
            title={canChange ? undefined : READ_ONLY_REASON}
            aria-label={`Revoke ${row.original.label}`}
            onClick={() => canChange && setRevoking(row.original)}
          >
            Revoke
          </button>
        ) : row.original.revoked_at === null ? (
          <span className="muted">—</span>
        ) : (
          <>Revoked {when(row.original.revoked_at, '')}</>
        ),
    },
  ], [canChange]);

  return (
    <section className="page">
      <div className="page-title">
        <h1>API tokens</h1>
        {canChange && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New token
          </button>
        )}
      </div>
      <ReadOnlyNote />
      <p className="muted">Scripts call the admin API with a token as a bearer token (Authorization: Bearer kha_…).</p>
      {tokens.isPending && <Loading what="API tokens" />}
      {tokens.isError && <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />}
      {tokens.isSuccess && tokens.data.tokens.length === 0 && <Empty>No API tokens yet.</Empty>}
      {tokens.isSuccess && tokens.data.tokens.length > 0 && (
        <DataTable caption="API tokens" columns={columns} rows={tokens.data.tokens} rowId={(token) => String(token.id)} />
      )}
      {creating && <NewTokenDialog onClose={() => setCreating(false)} />}
      {revoking && <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} />}
    </section>
  );
}
