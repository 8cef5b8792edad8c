import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useShownPage } from '../components/shown-page.ts';
import { useState } from 'react';
import type { ListedOrder, OrderPage, Plan } from '../api/types.ts';
import { DataTable, type ListColumn } from '../components/DataTable.tsx';
import { Link } from '../components/Link.tsx';
import { NewOrderDialog } from '../components/NewOrderDialog.tsx';
import { OrderFilters, type OrderFilter } from '../components/OrderFilters.tsx';
import { ReadOnlyNote } from '../components/ReadOnlyNote.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { StatusBadge, TrialBadge } from '../components/StatusBadge.tsx';
import { useCanChange, useConsole } from '../console-context.ts';
import { navigate, useLocation } from '../navigation.ts';
import { PLANS_QUERY } from './PlansPage.tsx';

/*
 * Orders, newest first: search (email or name, order number, reference, a key as a support bundle
 * shows it, an Instance ID), filters, and keyset paging. The filters live in the address, so Back
 * and a shared link show the same list; the cursors of the pages seen make "Previous page".
 */

const columns: ListColumn<ListedOrder>[] = [
  {
    id: 'order',
    header: 'Order',
    cell: ({ row }) => (
      <>
        <Link href={`/console/orders/${row.original.id}`}>Order {row.original.id}</Link> <TrialBadge kind={row.original.kind} />
      </>
    ),
  },
  {
    id: 'customer',
    header: 'Customer',
    cell: ({ row }) => {
      const { name, email } = row.original.customer;
      if (name === null && email === null) return <span className="muted">No customer</span>;
      return (
        <>
          {name !== null && <div>{name}</div>}
          {email !== null && <div className="muted">{email}</div>}
        </>
      );
    },
  },
  { id: 'reference', header: 'Reference', cell: ({ row }) => row.original.customer.reference ?? '—' },
  { id: 'plan', header: 'Plan', cell: ({ row }) => row.original.license.plan.name },
  { id: 'key', header: 'License key', cell: ({ row }) => <span className="mono">{row.original.license.key_redacted}</span> },
  { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.license.status} /> },
  { id: 'expiry', header: 'Expiry', cell: ({ row }) => row.original.license.expiry_text },
  { id: 'activations', header: 'Activations', cell: ({ row }) => row.original.license.activations_text },
];

function filterFrom(search: string): OrderFilter {
  const params = new URLSearchParams(search);
  return { q: params.get('q') ?? '', kind: params.get('kind') ?? '', status: params.get('status') ?? '', plan: params.get('plan') ?? '', expiring: params.get('expiring_within_days') ?? '' };
}

function queryOf(filter: OrderFilter, cursor: string | null): string {
  const params = new URLSearchParams();
  if (filter.q.trim() !== '') params.set('q', filter.q.trim());
  if (filter.kind !== '') params.set('kind', filter.kind);
  if (filter.status !== '') params.set('status', filter.status);
  if (filter.plan !== '') params.set('plan', filter.plan);
  if (filter.expiring !== '') params.set('expiring_within_days', filter.expiring);
  if (cursor !== null) params.set('cursor', cursor);
  return params.toString();
}

export function OrdersPage() {
  const { api } = useConsole();
  const canChange = useCanChange();
  const { search } = useLocation();
  const filter = filterFrom(search);
  const filterKey = queryOf(filter, null);
  // The cursors that led to the pages before this one; reset whenever the filter changes.
  const [trail, setTrail] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = trail.key === filterKey ? trail.cursors : [null];
  const cursor = cursors.at(-1) ?? null;
  const [creating, setCreating] = useState(false);

  const plans = useQuery({ queryKey: PLANS_QUERY, queryFn: () => api.get<{ plans: Plan[] }>('/admin/plans') });
  const orders = useQuery({
    queryKey: ['orders', filterKey, cursor],
    queryFn: () => api.get<OrderPage>(`/admin/orders?${queryOf(filter, cursor)}`),
    placeholderData: keepPreviousData,
  });
  const apply = (next: OrderFilter) => {
    const query = queryOf(next, null);
    navigate(`/console/orders${query === '' ? '' : `?${query}`}`);
  };
  const filtered = filterKey !== '';
  const page = cursors.length;
  const shownPage = useShownPage(page, orders.isPlaceholderData);

  return (
    <section className="page">
      <div className="page-title">
        <h1>Orders</h1>
        {canChange && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New order
          </button>
        )}
      </div>
      <ReadOnlyNote />
      <OrderFilters key={filterKey} initial={filter} plans={plans.data?.plans ?? []} onApply={apply} />
      {orders.isPending && <Loading what="orders" />}
      {orders.isError && <ErrorState error={orders.error} onRetry={() => orders.refetch()} />}
      {orders.isSuccess && orders.data.orders.length === 0 && (
        <Empty>{emptyText(filter, filtered)}</Empty>
      )}
      {orders.isSuccess && orders.data.orders.length > 0 && (
        <>
          <DataTable caption={`Orders, newest first (page ${shownPage})`} columns={columns} rows={orders.data.orders} rowId={(order) => String(order.id)} updating={orders.isPlaceholderData} />
          <nav className="actions" aria-label="Pages">
            <button type="button" disabled={page === 1} onClick={() => setTrail({ key: filterKey, cursors: cursors.slice(0, -1) })}>
              Previous page
            </button>
            <button
              type="button"
              disabled={orders.data.next_cursor === null}
              onClick={() => setTrail({ key: filterKey, cursors: [...cursors, orders.data.next_cursor] })}
            >
              Next page
            </button>
          </nav>
        </>
      )}
      {creating && <NewOrderDialog plans={plans.data?.plans ?? []} onClose={() => setCreating(false)} />}
    </section>
  );
}

// Trials are left out unless asked for, so an empty list says so: the customer may only have had a trial.
function emptyText(filter: OrderFilter, filtered: boolean): string {
  const trialsLeftOut = filter.kind === '' ? ' Trials are not shown: choose Kind "Paid orders and trials" to include them.' : '';
  if (filtered) return `No order matches this search and these filters.${trialsLeftOut}`;
  return `No orders yet. Orders come from your shop through the admin API, or from New order.${trialsLeftOut}`;
}
