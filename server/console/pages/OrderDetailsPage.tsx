import { useQuery } from '@tanstack/react-query';
import type { Order } from '../api/types.ts';
import { LicenseCardView } from '../components/LicenseCardView.tsx';
import { Link } from '../components/Link.tsx';
import { ReadOnlyNote } from '../components/ReadOnlyNote.tsx';
import { TrialBadge } from '../components/StatusBadge.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { useConsole } from '../console-context.ts';
import { localTime } from '../format.ts';
import type { Params } from '../router.ts';

/* Order Details: who bought what, and the license card with its menu. */

export const orderQuery = (id: string) => ['order', id] as const;

export function OrderDetailsPage({ params }: { params: Params }) {
  const { api } = useConsole();
  const id = params.id as string;
  const order = useQuery({ queryKey: orderQuery(id), queryFn: () => api.get<{ order: Order }>(`/admin/orders/${encodeURIComponent(id)}`) });
  return (
    <section className="page">
      <p className="crumbs">
        <Link href="/console/orders">Orders</Link>
      </p>
      <h1>
        Order {id} {order.data && <TrialBadge kind={order.data.order.kind} />}
      </h1>
      <ReadOnlyNote />
      {order.isPending && <Loading what="the order" />}
      {order.isError && <ErrorState error={order.error} onRetry={() => order.refetch()} />}
      {order.isSuccess && (
        <>
          <section className="card" aria-labelledby="customer-heading">
            <h2 id="customer-heading">Customer</h2>
            <dl className="facts">
              <dt>Email</dt>
              <dd>{order.data.order.customer.email ?? '—'}</dd>
              <dt>Name</dt>
              <dd>{order.data.order.customer.name ?? '—'}</dd>
              <dt>Reference</dt>
              <dd>{order.data.order.customer.reference ?? '—'}</dd>
              <dt>Ordered</dt>
              <dd>{order.data.order.created_at === null ? '—' : localTime(order.data.order.created_at)}</dd>
            </dl>
          </section>
          <LicenseCardView license={order.data.order.license} orderId={id} />
        </>
      )}
    </section>
  );
}
