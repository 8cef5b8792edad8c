import { useId, useState, type FormEvent } from 'react';
import type { LicenseCard } from '../api/types.ts';
import { Dialog } from './Dialog.tsx';
import { useLicenseChange } from './license-change.ts';
import { ErrorState } from './States.tsx';

/* This one license's activation limit: on (1–100) or unlimited. Lowering it keeps the activations in use. */

export function LimitDialog({ license, onClose }: { license: LicenseCard; onClose: () => void }) {
  const id = useId();
  const [on, setOn] = useState(license.activation_limit !== null);
  const [limit, setLimit] = useState(String(license.activation_limit ?? Math.max(license.activations_used, 1)));
  const change = useLicenseChange<{ activation_limit: number | null }>(license.id, 'limit', onClose);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ activation_limit: on ? Number(limit) : null });
  };
  return (
    <Dialog title="Edit activation limit" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <label className="check">
          <input type="checkbox" role="switch" checked={on} onChange={(e) => setOn(e.target.checked)} /> Limit activations
        </label>
        {on ? (
          <div className="field">
            <label htmlFor={`${id}-limit`}>Activations (1–100)</label>
            <input id={`${id}-limit`} type="number" min={1} max={100} required value={limit} onChange={(e) => setLimit(e.target.value)} />
          </div>
        ) : (
          <p className="muted">Unlimited activations.</p>
        )}
        <p className="muted small">
          {license.activations_used} in use now. Changes apply at once; a lower limit keeps the activations in use and refuses new ones.
        </p>
        {change.isError && <ErrorState error={change.error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={change.isPending}>
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
