import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Activation, LicenseCard, Revoked } from '../api/types.ts';
import { useConsole } from '../console-context.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';

/*
 * Revoke one instance: its slot is freed, the license stays valid elsewhere. An air-gapped or
 * offline machine never checks in, so the dialog says before, and the authority's warning after,
 * that it keeps working until the license expires.
 */

export function RevokeDialog({ license, activation, onClose }: { license: LicenseCard; activation: Activation; onClose: () => void }) {
  const { api } = useConsole();
  const queries = useQueryClient();
  const [warning, setWarning] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: () => api.send<Revoked>('POST', `/admin/licenses/${license.id}/activations/${activation.id}/revoke`, {}),
    onSuccess: async (answer) => {
      await Promise.all([queries.invalidateQueries({ queryKey: ['license', String(license.id)] }), queries.invalidateQueries({ queryKey: ['order'] })]);
      if (answer.warning === undefined) onClose();
      else setWarning(answer.warning);
    },
  });
  const name = activation.instance_name ?? activation.instance_id;
  if (warning !== null) {
    return (
      <Dialog title="Instance revoked" onClose={onClose}>
        <p className="notice" role="status">
          {warning}
        </p>
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </Dialog>
    );
  }
  const neverChecksIn = license.plan.mode !== 'online';
  return (
    <Dialog title={`Revoke ${name}?`} onClose={onClose}>
      <p>The instance loses this license and its activation slot is freed. The license stays valid for its other instances.</p>
      {neverChecksIn ? (
        <p className="notice">
          This license is {license.plan.mode === 'airgapped' ? 'air-gapped' : 'offline'}: that machine never checks in with the authority, so it keeps
          working until the license expires{license.expires_at === null ? ' (it never expires)' : ''}.
        </p>
      ) : (
        <p>The instance stops working at its next validation.</p>
      )}
      <DialogActions action="Revoke" busy={revoke.isPending} error={revoke.error} onCancel={onClose} onDestroy={() => revoke.mutate()} />
    </Dialog>
  );
}
