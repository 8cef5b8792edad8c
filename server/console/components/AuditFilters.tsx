import { useState, type FormEvent } from 'react';
import { Field } from './Field.tsx';

/* The Audit log's filters (who, what, from and until a day); applied together with Filter, cleared with Clear. */

export interface AuditFilter {
  readonly actor: string;
  readonly action: string;
  readonly since: string;
  readonly until: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { actor: '', action: '', since: '', until: '' };

export function AuditFilters({ initial, onApply }: { initial: AuditFilter; onApply: (filter: AuditFilter) => void }) {
  const [filter, setFilter] = useState(initial);
  const set = (part: Partial<AuditFilter>) => setFilter({ ...filter, ...part });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(filter);
  };
  return (
    <form className="card form" role="search" aria-label="Audit log" onSubmit={submit}>
      <div className="row">
        <Field
          label="Who"
          hint="As the log writes it: console:vendor@example.com, token:shop, cli:deploy"
          maxLength={300}
          value={filter.actor}
          onChange={(e) => set({ actor: e.target.value })}
        />
        <Field label="What" hint="An action such as license.limit or order.create" maxLength={60} value={filter.action} onChange={(e) => set({ action: e.target.value })} />
      </div>
      <div className="row">
        <Field label="From (day)" type="date" value={filter.since} onChange={(e) => set({ since: e.target.value })} />
        <Field label="Until (day, included)" type="date" value={filter.until} onChange={(e) => set({ until: e.target.value })} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Filter
        </button>
        <button
          type="button"
          onClick={() => {
            setFilter(NO_AUDIT_FILTER);
            onApply(NO_AUDIT_FILTER);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
