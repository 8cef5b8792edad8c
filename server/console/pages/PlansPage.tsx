import { useQuery } from '@tanstack/react-query';
import type { Plan } from '../api/types.ts';
import { DataTable, type ListColumn } from '../components/DataTable.tsx';
import { Link } from '../components/Link.tsx';
import { ReadOnlyNote } from '../components/ReadOnlyNote.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useCanChange, useConsole } from '../console-context.ts';
import { activationLimitText, expiryText, versionsText } from '../format.ts';

/* Every plan with its license settings; each opens its Plan Details, where an admin edits them. */

export const PLANS_QUERY = ['plans'] as const;

const columns: ListColumn<Plan>[] = [
  { id: 'name', header: 'Plan', cell: ({ row }) => <Link href={`/console/plans/${row.original.id}`}>{row.original.name}</Link> },
  { id: 'limit', header: 'Activation limit', cell: ({ row }) => activationLimitText(row.original.activation_limit) },
  { id: 'expiry', header: 'License expiry', cell: ({ row }) => expiryText(row.original.expiry) },
  { id: 'mode', header: 'Mode', cell: ({ row }) => row.original.mode },
  { id: 'plugins', header: 'Plugins', cell: ({ row }) => (row.original.plugins.length === 0 ? 'None' : row.original.plugins.join(', ')) },
  { id: 'versions', header: 'Versions', cell: ({ row }) => versionsText(row.original.versions) },
];

export function PlansPage() {
  const { api } = useConsole();
  const canChange = useCanChange();
  const plans = useQuery({ queryKey: PLANS_QUERY, queryFn: () => api.get<{ plans: Plan[] }>('/admin/plans') });
  return (
    <section className="page">
      <div className="page-title">
        <h1>Plans</h1>
        {canChange && (
          <Link className="button primary" href="/console/plans/new">
            New plan
          </Link>
        )}
      </div>
      <ReadOnlyNote />
      {plans.isPending && <Loading what="plans" />}
      {plans.isError && <ErrorState error={plans.error} onRetry={() => plans.refetch()} />}
      {plans.isSuccess && plans.data.plans.length === 0 && <Empty>No plans yet. A plan holds the license settings every order of it gets.</Empty>}
      {plans.isSuccess && plans.data.plans.length > 0 && (
        <DataTable caption="Plans and their license settings" columns={columns} rows={plans.data.plans} rowId={(plan) => String(plan.id)} />
      )}
    </section>
  );
}
