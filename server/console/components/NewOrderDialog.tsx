import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { LicenseCard, Order, Plan } from '../api/types.ts';
import { useConsole } from '../console-context.ts';
import { navigate } from '../navigation.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';
import { Field, SelectField } from './Field.tsx';

/*
 * An order placed by hand, with its customer (each part optional). The customer's reference is
 * also the retry key a shop's webhook uses, so the same reference twice finds the first order.
 */

export function NewOrderDialog({ plans, onClose }: { plans: readonly Plan[]; onClose: () => void }) {
  const { api } = useConsole();
  const queries = useQueryClient();
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
          <SelectField label="Plan" value={plan} onChange={(e) => setPlan(e.target.value)}>
            {plans.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <fieldset>
            <legend>Customer</legend>
            <Field label="Email" type="email" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
            <Field label="Name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
            <Field
              label="Reference"
              hint="Your shop's order reference; an order with the same reference is not placed twice."
              maxLength={200}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
            />
          </fieldset>
          <DialogActions action="Create order" busy={create.isPending} error={create.error} onCancel={onClose} />
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
