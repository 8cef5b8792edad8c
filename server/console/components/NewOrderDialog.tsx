import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { LicenseCard, Order, Plan } from '../api/types.ts';
import { useConsole } from '../console-context.ts';
import { navigate } from '../navigation.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorState } from './States.tsx';

/*
 * An order placed by hand, with its customer (each part optional). The customer's reference is
 * also the retry key a shop's webhook uses, so the same reference twice finds the first order.
 */

export function NewOrderDialog({ plans, onClose }: { plans: readonly Plan[]; onClose: () => void }) {
  const { api } = useConsole();
  const queries = useQueryClient();
  const id = useId();
  const [plan, setPlan] = useState(plans[0] ? String(plans[0].id) : '');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [reference, setReference] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.send<{ order: Order; license: LicenseCard }>('POST', '/admin/orders', {
        plan_id: Number(plan),
        customer: { email: email.trim() || null, name: name.trim() || null, reference: reference.trim() || null },
      }),
    onSuccess: async ({ order }) => {
      await queries.invalidateQueries({ queryKey: ['orders'] });
      onClose();
      navigate(`/console/orders/${order.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Dialog title="New order" onClose={onClose}>
      {plans.length === 0 ? (
        <p>There is no plan yet: create one under Plans first.</p>
      ) : (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-plan`}>Plan</label>
            <select id={`${id}-plan`} value={plan} onChange={(e) => setPlan(e.target.value)}>
              {plans.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>Customer</legend>
            <div className="field">
              <label htmlFor={`${id}-email`}>Email</label>
              <input id={`${id}-email`} type="email" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-name`}>Name</label>
              <input id={`${id}-name`} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-reference`}>Reference</label>
              <input id={`${id}-reference`} maxLength={200} aria-describedby={`${id}-reference-hint`} value={reference} onChange={(e) => setReference(e.target.value)} />
              <p id={`${id}-reference-hint`} className="muted small">
                Your shop's order reference; an order with the same reference is not placed twice.
              </p>
            </div>
          </fieldset>
          {create.isError && <ErrorState error={create.error} />}
          <div className="actions">
            <button type="submit" className="primary" disabled={create.isPending}>
              Create order
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {plans.length === 0 && (
        <button type="button" onClick={onClose}>
          Close
        </button>
      )}
    </Dialog>
  );
}
