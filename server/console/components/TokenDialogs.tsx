import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiToken } from '../api/types.ts';
import { useConsole } from '../console-context.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';
import { Field } from './Field.tsx';

/*
 * Creating an API token (a label and an optional expiry day; the token is in the one answer and is
 * shown here once, with Copy) and revoking one (confirmed: a script using it stops at once).
 */

export const TOKENS_QUERY = ['tokens'] as const;

function ShownOnce({ token, onClose }: { token: string; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <>
      <p className="notice">Copy the token now: it will not be shown again.</p>
      <code className="mono secret" data-testid="new-token">
        {token}
      </code>
      <div className="actions">
        <button type="button" className="primary" onClick={copy}>
          Copy
        </button>
        <span role="status">{copied === 'yes' ? 'Copied.' : copied === 'no' ? 'Select the token and copy it.' : ''}</span>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}

export function NewTokenDialog({ onClose }: { onClose: () => void }) {
  const { api } = useConsole();
  const queries = useQueryClient();
  const [label, setLabel] = useState('');
  const [expires, setExpires] = useState('');
  const create = useMutation({
    mutationFn: () => api.send<{ token: string; admin_token: ApiToken }>('POST', '/admin/tokens', { label: label.trim(), expires_at: expires === '' ? null : expires }),
    onSuccess: () => queries.invalidateQueries({ queryKey: TOKENS_QUERY }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Dialog title="New token" onClose={onClose}>
      {create.isSuccess ? (
        <ShownOnce token={create.data.token} onClose={onClose} />
      ) : (
        <form className="form" onSubmit={submit}>
          <Field label="Label" hint="Who uses it, e.g. the shop's webhook; the audit log names its changes token:<label>." required maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} autoFocus />
          <Field label="Expires on (optional)" hint="It stops working at the start of that day (UTC). Leave empty for a token that does not expire." type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
          <DialogActions action="Create token" busy={create.isPending} error={create.error} onCancel={onClose} />
        </form>
      )}
    </Dialog>
  );
}

export function RevokeTokenDialog({ token, onClose }: { token: ApiToken; onClose: () => void }) {
  const { api } = useConsole();
  const queries = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api.send<{ admin_token: ApiToken }>('POST', `/admin/tokens/${token.id}/revoke`, {}),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: TOKENS_QUERY });
      onClose();
    },
  });
  return (
    <Dialog title={`Revoke token “${token.label}”?`} onClose={onClose}>
      <p>
        <strong>This cannot be undone.</strong> Every script that uses this token is refused from its next call on.
      </p>
      <DialogActions action="Revoke token" busy={revoke.isPending} error={revoke.error} onCancel={onClose} onDestroy={() => revoke.mutate()} />
    </Dialog>
  );
}
