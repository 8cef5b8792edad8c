import { useId, useState, type FormEvent } from 'react';
import type { Plan } from '../api/types.ts';

/* The search box and filters of the Orders list; applied together with Search, cleared with Clear. */

export interface OrderFilter {
  readonly q: string;
  readonly status: string;
  readonly plan: string;
  readonly expiring: string;
}

const NONE: OrderFilter = { q: '', status: '', plan: '', expiring: '' };

export function OrderFilters({ initial, plans, onApply }: { initial: OrderFilter; plans: readonly Plan[]; onApply: (filter: OrderFilter) => void }) {
  const id = useId();
  const [filter, setFilter] = useState(initial);
  const set = (part: Partial<OrderFilter>) => setFilter({ ...filter, ...part });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(filter);
  };
  return (
    <form className="card form" role="search" aria-label="Orders" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-q`}>Search orders</label>
        <input
          id={`${id}-q`}
          type="search"
          aria-describedby={`${id}-q-hint`}
          maxLength={200}
          value={filter.q}
          onChange={(e) => set({ q: e.target.value })}
        />
        <p id={`${id}-q-hint`} className="muted small">
          Customer email or name (its start), order number, your reference, a license key (whole or as a support bundle shows it: KH-M57YF-…-S8P0T), or an Instance ID.
        </p>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} value={filter.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="expired">Expired</option>
            <option value="deactivated">Deactivated</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-plan`}>Plan</label>
          <select id={`${id}-plan`} value={filter.plan} onChange={(e) => set({ plan: e.target.value })}>
            <option value="">Any plan</option>
            {plans.map((plan) => (
              <option key={plan.id} value={String(plan.id)}>
                {plan.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-expiring`}>Expiring within (days)</label>
          <input id={`${id}-expiring`} type="number" min={1} max={3650} value={filter.expiring} onChange={(e) => set({ expiring: e.target.value })} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Search
        </button>
        <button
          type="button"
          onClick={() => {
            setFilter(NONE);
            onApply(NONE);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
