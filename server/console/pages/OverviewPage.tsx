import { useQuery } from '@tanstack/react-query';
import { describeError } from '../../../shared/errors/catalog.ts';
import type { Overview } from '../api/types.ts';
import { Link } from '../components/Link.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useConsole } from '../console-context.ts';
import { localTime } from '../format.ts';

/*
 * The landing page: how many licenses are active, activations lately, what the authority refused
 * and why (the catalog's title beside each code), and the licenses that run out in 30 days.
 */

type Counts = Overview['refusals']['last_7_days'];

function Refusals({ counts }: { counts: Counts }) {
  const rows = [...counts].sort((a, b) => b.count - a.count);
  if (rows.length === 0) return <Empty>Nothing was refused in the last 7 days.</Empty>;
  return (
    <table className="list">
      <caption>Refusals by reason, last 7 days</caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Reason</th>
          <th scope="col">Refusals</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ code, count }) => (
          <tr key={code}>
            <td data-label="Code" className="mono">
              {code}
            </td>
            <td data-label="Reason">{describeError(code, 'server').title}</td>
            <td data-label="Refusals">{count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const total = (counts: Counts) => counts.reduce((sum, row) => sum + row.count, 0);

export function OverviewPage() {
  const { api } = useConsole();
  const overview = useQuery({ queryKey: ['overview'], queryFn: () => api.get<Overview>('/admin/overview') });
  return (
    <section className="page">
      <h1>Overview</h1>
      {overview.isPending && <Loading what="the overview" />}
      {overview.isError && <ErrorState error={overview.error} onRetry={() => overview.refetch()} />}
      {overview.isSuccess && (
        <>
          <dl className="figures" data-testid="overview-figures">
            <div>
              <dt>Active licenses</dt>
              <dd>{overview.data.active_licenses}</dd>
            </div>
            <div>
              <dt>Activations, last 24 hours</dt>
              <dd>{overview.data.activations.last_24_hours}</dd>
            </div>
            <div>
              <dt>Activations, last 7 days</dt>
              <dd>{overview.data.activations.last_7_days}</dd>
            </div>
            <div>
              <dt>Expiring in 30 days</dt>
              <dd>{overview.data.expiring_within_30_days.count}</dd>
            </div>
          </dl>
          <h2>Refusals</h2>
          <p className="muted">
            {total(overview.data.refusals.last_24_hours)} in the last 24 hours, {total(overview.data.refusals.last_7_days)} in the last 7 days.
          </p>
          <Refusals counts={overview.data.refusals.last_7_days} />
          <h2>Expiring soon</h2>
          {overview.data.expiring_within_30_days.first.length === 0 ? (
            <Empty>No license expires in the next 30 days.</Empty>
          ) : (
            <ul className="plain-list">
              {overview.data.expiring_within_30_days.first.map((license) => (
                <li key={license.license_id}>
                  <Link href={`/console/licenses/${license.license_id}`}>
                    <span className="mono">{license.key_redacted}</span> ({license.plan})
                  </Link>{' '}
                  expires <time dateTime={license.expires_at}>{localTime(license.expires_at)}</time>
                </li>
              ))}
            </ul>
          )}
          <p className="muted small">As of {localTime(overview.data.at)}.</p>
        </>
      )}
    </section>
  );
}
