import { useEffect, useRef } from 'react';
import { SUPPORT_FOCUS, type SupportDialog as DialogState } from '../../state/support-state.ts';
import { useActions, useAppState } from '../app-context.ts';
import { CopyButton } from '../CopyButton.tsx';
import './support.css';

/**
 * "Details for support": what the support bundle holds, in plain words, BEFORE it is copied or
 * saved; the full text is one click away. A modal dialog (Escape closes it, focus returns to the
 * button that opened it).
 */
export function SupportDialog() {
  const dialog = useAppState((s) => s.support.dialog);
  return dialog ? <SupportDialogView dialog={dialog} /> : null;
}

function SupportDialogView({ dialog }: { readonly dialog: DialogState }) {
  const actions = useActions();
  const support = useAppState((s) => s.info.support);
  const vendor = useAppState((s) => s.info.vendorName);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const { preview, error, saved } = dialog;
  return (
    <dialog
      ref={ref}
      className="support-dialog"
      aria-labelledby={SUPPORT_FOCUS.dialogTitle}
      data-testid="support-dialog"
      onCancel={(event) => {
        event.preventDefault();
        actions.support.close();
      }}
    >
      <h2 id={SUPPORT_FOCUS.dialogTitle} tabIndex={-1}>
        Details for support
      </h2>
      <p>
        This support bundle lets {vendor} support see what this app sees. Nothing is sent: you copy or save it, and you
        choose where it goes (for example to <a href={`mailto:${support.email}`}>{support.email}</a>).
      </p>
      {!preview && !error && (
        <p className="progress">
          <progress aria-label="Collecting the details" /> Collecting the details…
        </p>
      )}
      {error && (
        <p className="notice" role="alert">
          {error.message}
          {error.hint ? `: ${error.hint}` : ''}
        </p>
      )}
      {preview && (
        <>
          <h3>What is in it</h3>
          <ul className="support-preview" data-testid="support-preview">
            {preview.preview.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <details>
            <summary>Show the full text ({Math.max(1, Math.round(preview.text.length / 1024))} KB)</summary>
            <pre className="support-text" tabIndex={0} aria-label="The support bundle as text" data-testid="support-text">
              {preview.text}
            </pre>
          </details>
        </>
      )}
      <div className="actions">
        {preview && <CopyButton what="support-bundle" text="" label="Copy" accessibleLabel="Copy the support details" onCopy={() => actions.support.copy()} />}
        <button type="button" className={dialog.purpose === 'save' ? 'primary' : 'secondary'} disabled={!preview} onClick={() => void actions.support.save()}>
          Save support bundle…
        </button>
        <button type="button" className="secondary" onClick={() => actions.support.close()}>
          Close
        </button>
      </div>
      {saved && (
        <p className="saved" data-testid="support-saved">
          {saved}
        </p>
      )}
    </dialog>
  );
}
