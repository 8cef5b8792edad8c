import { ErrorState } from './States.tsx';

/*
 * The foot of every dialog: the error of the last try (in catalog words), then its buttons. A
 * form's action submits it and comes first; a destructive one is red and comes after Cancel,
 * which takes the focus, so Enter or a stray click never does what cannot be undone.
 */

export interface DialogActionsProps {
  /** The action's words: "Save", "Create order", "Revoke token". */
  readonly action: string;
  readonly busy: boolean;
  /** The failed try's error; null (or undefined) when there is none. */
  readonly error: unknown;
  readonly onCancel: () => void;
  /** Given: a destructive action run by this click. Absent: the button submits the dialog's form. */
  readonly onDestroy?: () => void;
}

export function DialogActions({ action, busy, error, onCancel, onDestroy }: DialogActionsProps) {
  const cancel = (
    <button type="button" autoFocus={onDestroy !== undefined} onClick={onCancel}>
      Cancel
    </button>
  );
  return (
    <>
      {error !== null && error !== undefined && <ErrorState error={error} />}
      <div className="actions">
        {onDestroy === undefined ? (
          <>
            <button type="submit" className="primary" disabled={busy}>
              {action}
            </button>
            {cancel}
          </>
        ) : (
          <>
            {cancel}
            <button type="button" className="danger" disabled={busy} onClick={onDestroy}>
              {action}
            </button>
          </>
        )}
      </div>
    </>
  );
}
