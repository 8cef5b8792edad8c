import { useId, useState, type FormEvent } from 'react';

/* The Audit log's filters (who, what, from and until a day); applied together with Filter, cleared with Clear. */

export interface AuditFilter {
  readonly actor: string;
  readonly action: string;
  readonly since: string;
  readonly until: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { actor: '', action: '', since: '', until: '' };

export function AuditFilters({ initial, onApply }: { initial: AuditFilter; onApply: (filter: AuditFilter) => void }) {
  const id = useId();
  const [filter, setFilter] = useState(initial);
  const set = (part: Partial<AuditFilter>) => setFilter({ ...filter, ...part });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(filter);
  };
  return (
    <form className="card form" role="search" aria-label="Audit log" onSubmit={submit}>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-actor`}>Who</label>
          <input id={`${id}-actor`} aria-describedby={`${id}-actor-hint`} maxLength={300} value={filter.actor} onChange={(e) => set({ actor: e.target.value })} />
          <p id={`${id}-actor-hint`} className="muted small">
            As the log writes it: console:vendor@example.com, token:shop, cli:deploy
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`}>What</label>
          <input id={`${id}-action`} aria-describedby={`${id}-action-hint`} maxLength={60} value={filter.action} onChange={(e) => set({ action: e.target.value })} />
          <p id={`${id}-action-hint`} className="muted small">
            An action such as license.limit or order.create
          </p>
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-since`}>From (day)</label>
          <input id={`${id}-since`} type="date" value={filter.since} onChange={(e) => set({ since: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-until`}>Until (day, included)</label>
          <input id={`${id}-until`} type="date" value={filter.until} onChange={(e) => set({ until: e.target.value })} />
        </div>
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
