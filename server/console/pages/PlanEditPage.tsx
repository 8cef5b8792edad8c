import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LICENSE_MODES } from '../../../shared/license/certificate.ts';
import { ApiError } from '../api/api-error.ts';
import type { Plan, Plugin } from '../api/types.ts';
import { Link } from '../components/Link.tsx';
import { PlanForm, type PlanBody } from '../components/PlanForm.tsx';
import { ReadOnlyNote } from '../components/ReadOnlyNote.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { useConsole } from '../console-context.ts';
import { navigate } from '../navigation.ts';
import type { Params } from '../router.ts';
import { PLANS_QUERY } from './PlansPage.tsx';

/*
 * Plan Details: a plan's license settings, created or edited. Saving changes what future orders
 * get; licenses already sold keep the settings they were sold with.
 */

const PLUGINS_QUERY = ['plugins'] as const;

const NEW_PLAN: PlanBody = { name: '', activation_limit: 3, expiry: null, mode: LICENSE_MODES[0], plugins: [], versions: { min: 0, max: null } };

export function PlanEditPage({ params }: { params: Params }) {
  const { api } = useConsole();
  const queries = useQueryClient();
  const id = params.id;
  const plans = useQuery({ queryKey: PLANS_QUERY, queryFn: () => api.get<{ plans: Plan[] }>('/admin/plans'), enabled: id !== undefined });
  // The product's catalog changes only with a new product config: read once per visit.
  const plugins = useQuery({ queryKey: PLUGINS_QUERY, queryFn: () => api.get<{ plugins: Plugin[] }>('/admin/plugins'), staleTime: Infinity });
  const save = useMutation({
    mutationFn: (body: PlanBody) =>
      id === undefined ? api.send<{ plan: Plan }>('POST', '/admin/plans', body) : api.send<{ plan: Plan }>('PUT', `/admin/plans/${id}`, body),
    onSuccess: async ({ plan }) => {
      await queries.invalidateQueries({ queryKey: PLANS_QUERY });
      navigate(`/console/plans/${plan.id}?saved=1`, { replace: id !== undefined });
    },
  });
  const saved = new URLSearchParams(window.location.search).has('saved') && !save.isPending;

  const plan = id === undefined ? null : plans.data?.plans.find((p) => String(p.id) === id);
  const heading = id === undefined ? 'New plan' : (plan?.name ?? 'Plan Details');
  return (
    <section className="page">
      <p className="crumbs">
        <Link href="/console/plans">Plans</Link>
      </p>
      <h1>{heading}</h1>
      <ReadOnlyNote />
      {id !== undefined && plans.isPending && <Loading what="the plan" />}
      {plans.isError && <ErrorState error={plans.error} onRetry={() => plans.refetch()} />}
      {plugins.isPending && <Loading what="the plugin catalog" />}
      {plugins.isError && <ErrorState error={plugins.error} onRetry={() => plugins.refetch()} />}
      {plans.isSuccess && plan === undefined && <ErrorState error={notFound(id)} />}
      {(id === undefined || plan) && plugins.isSuccess && (
        <>
          {saved && (
            <p className="notice ok" role="status">
              Saved. Future orders of this plan get these settings; licenses already sold keep theirs.
            </p>
          )}
          <PlanForm
            key={plan?.id ?? 'new'}
            initial={plan ? bodyOf(plan) : NEW_PLAN}
            catalog={plugins.data.plugins}
            saving={save.isPending}
            onSave={(body) => save.mutate(body)}
          />
          {save.isError && <ErrorState error={save.error} />}
        </>
      )}
    </section>
  );
}

function bodyOf(plan: Plan): PlanBody {
  return { name: plan.name, activation_limit: plan.activation_limit, expiry: plan.expiry, mode: plan.mode, plugins: plan.plugins, versions: plan.versions };
}

function notFound(id: string | undefined): ApiError {
  return new ApiError('NOT_FOUND', 404, `no plan with id ${id ?? ''}`);
}
