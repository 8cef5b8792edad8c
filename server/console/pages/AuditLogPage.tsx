import { localDayStart } from '../components/audit-change.ts';
import { AuditFilters, type AuditFilter } from '../components/AuditFilters.tsx';
import { AuditTable } from '../components/AuditTable.tsx';
import { navigate, useLocation } from '../navigation.ts';

/*
 * Every change the authority recorded, newest first, filtered by who, what and when. The filters
 * live in the address (as the day the person picked), so Back and a shared link show the same list;
 * the days are the person's own (local midnight), and "until" a day includes that day.
 */

function filterFrom(search: string): AuditFilter {
  const params = new URLSearchParams(search);
  return { actor: params.get('actor') ?? '', action: params.get('action') ?? '', since: params.get('since') ?? '', until: params.get('until') ?? '' };
}

function addressOf(filter: AuditFilter): string {
  const params = new URLSearchParams();
  if (filter.actor.trim() !== '') params.set('actor', filter.actor.trim());
  if (filter.action.trim() !== '') params.set('action', filter.action.trim());
  if (filter.since !== '') params.set('since', filter.since);
  if (filter.until !== '') params.set('until', filter.until);
  return params.toString();
}

function apiQueryOf(filter: AuditFilter): string {
  const params = new URLSearchParams(addressOf(filter));
  if (filter.since !== '') params.set('since', localDayStart(filter.since));
  if (filter.until !== '') params.set('until', localDayStart(filter.until, 1));
  return params.toString();
}

export function AuditLogPage() {
  const { search } = useLocation();
  const filter = filterFrom(search);
  const key = addressOf(filter);
  const apply = (next: AuditFilter) => {
    const query = addressOf(next);
    navigate(`/console/audit${query === '' ? '' : `?${query}`}`);
  };
  return (
    <section className="page">
      <h1>Audit log</h1>
      <AuditFilters key={key} initial={filter} onApply={apply} />
      <AuditTable
        path="/admin/audit"
        query={apiQueryOf(filter)}
        caption="Changes"
        empty={key === '' ? 'Nothing has been changed yet.' : 'No change matches these filters.'}
      />
    </section>
  );
}
