import type { ReactNode } from 'react';
import type { LicenseCard } from '../api/types.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';
import { useLicenseChange } from './license-change.ts';

/* The two irreversible actions, each behind a dialog that says what stops working; Cancel is focused first. */

function Confirm({ title, children, confirm, busy, error, onConfirm, onClose }: {
  title: string;
  children: ReactNode;
  confirm: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      <DialogActions action={confirm} busy={busy} error={error} onCancel={onClose} onDestroy={onConfirm} />
    </Dialog>
  );
}

export function RegenerateDialog({ license, onClose }: { license: LicenseCard; onClose: () => void }) {
  const change = useLicenseChange<Record<string, never>>(license.id, 'regenerate', onClose);
  return (
    <Confirm title="Regenerate key?" confirm="Regenerate key" busy={change.isPending} error={change.error} onConfirm={() => change.mutate({})} onClose={onClose}>
      <p>
        <strong>This cannot be undone.</strong> The license gets a brand new key; the old key stops working at its next validation, and
        every activation made with it ends.
      </p>
      <p>Send the new key to the customer: they enter it to activate again.</p>
    </Confirm>
  );
}

export function DeactivateDialog({ license, onClose }: { license: LicenseCard; onClose: () => void }) {
  const change = useLicenseChange<Record<string, never>>(license.id, 'deactivate', onClose);
  return (
    <Confirm title="Deactivate license?" confirm="Deactivate license" busy={change.isPending} error={change.error} onConfirm={() => change.mutate({})} onClose={onClose}>
      <p>
        <strong>This cannot be undone.</strong> Every activation stops working, and the key can no longer activate or validate.
      </p>
      <p>Use it for refunds or policy violations.</p>
    </Confirm>
  );
}
