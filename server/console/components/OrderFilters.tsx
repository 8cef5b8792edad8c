import { useState, type FormEvent } from 'react';
import type { Plan } from '../api/types.ts';
import { Field, SelectField } from './Field.tsx';

/* The search box and filters of the Orders list; applied together with Search, cleared with Clear. */

export interface OrderFilter {
  readonly q: string;
  /** '' = paid orders only (the API's default), 'trial' or 'all'. */
  readonly kind: string;
  readonly status: string;
  readonly plan: string;
  readonly expiring: string;
}

const NONE: OrderFilter = { q: '', kind: '', status: '', plan: '', expiring: '' };

export function OrderFilters({ initial, plans, onApply }: { initial: OrderFilter; plans: readonly Plan[]; onApply: (filter: OrderFilter) => void }) {
  const [filter, setFilter] = useState(initial);
  const set = (part: Partial<OrderFilter>) => setFilter({ ...filter, ...part });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(filter);
  };
  return (
    <form className="card form" role="search" aria-label="Orders" onSubmit={submit}>
      <Field
        label="Search orders"
        hint="Customer email or name (its start), order number, your reference, a license key (whole or as a support bundle shows it: KH-M57YF-…-S8P0T), or an Instance ID."
        type="search"
        maxLength={200}
        value={filter.q}
        onChange={(e) => set({ q: e.target.value })}
      />
      <div className="row">
        <SelectField label="Kind" value={filter.kind} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">Paid orders</option>
          <option value="trial">Trials</option>
          <option value="all">Paid orders and trials</option>
        </SelectField>
        <SelectField label="Status" value={filter.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="expired">Expired</option>
          <option value="deactivated">Deactivated</option>
        </SelectField>
        <SelectField label="Plan" value={filter.plan} onChange={(e) => set({ plan: e.target.value })}>
          <option value="">Any plan</option>
          {plans.map((plan) => (
            <option key={plan.id} value={String(plan.id)}>
              {plan.name}
            </option>
          ))}
        </SelectField>
        <Field label="Expiring within (days)" type="number" min={1} max={3650} value={filter.expiring} onChange={(e) => set({ expiring: e.target.value })} />
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
