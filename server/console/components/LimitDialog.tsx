import { useState, type FormEvent } from 'react';
import type { LicenseCard } from '../api/types.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';
import { Field } from './Field.tsx';
import { useLicenseChange } from './license-change.ts';

/* This one license's activation limit: on (1–100) or unlimited. Lowering it keeps the activations in use. */

export function LimitDialog({ license, onClose }: { license: LicenseCard; onClose: () => void }) {
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
          <Field label="Activations (1–100)" type="number" min={1} max={100} required value={limit} onChange={(e) => setLimit(e.target.value)} />
        ) : (
          <p className="muted">Unlimited activations.</p>
        )}
        <p className="muted small">
          {license.activations_used} in use now. Changes apply at once; a lower limit keeps the activations in use and refuses new ones.
        </p>
        <DialogActions action="Save" busy={change.isPending} error={change.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
