import { useState, type FormEvent } from 'react';
import type { LicenseCard } from '../api/types.ts';
import { addMonths, dateInputValue } from '../format.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';
import { Field } from './Field.tsx';
import { useLicenseChange } from './license-change.ts';

/*
 * Manage expiry: on with a date (the calendar picker, or "+3 months" from the date shown), or off
 * (never expires). The customer's next validation reflects it.
 */

export function ExpiryDialog({ license, onClose }: { license: LicenseCard; onClose: () => void }) {
  const today = dateInputValue(new Date().toISOString());
  const [on, setOn] = useState(license.expires_at !== null);
  const [date, setDate] = useState(license.expires_at === null ? addMonths(today, 12) : dateInputValue(license.expires_at));
  const change = useLicenseChange<{ expires_at: string | null }>(license.id, 'expiry', onClose);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ expires_at: on ? date : null });
  };
  return (
    <Dialog title="Manage expiry" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p className="muted">Now: {license.expiry_text}</p>
        <label className="check">
          <input type="checkbox" role="switch" checked={on} onChange={(e) => setOn(e.target.checked)} /> License expires
        </label>
        {on ? (
          <div className="row">
            <Field label="Expiration date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
            <div className="field end">
              <button type="button" onClick={() => setDate(addMonths(date || today, 3))}>
                +3 months
              </button>
            </div>
          </div>
        ) : (
          <p className="muted">The license never expires.</p>
        )}
        <DialogActions action="Save changes" busy={change.isPending} error={change.error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
