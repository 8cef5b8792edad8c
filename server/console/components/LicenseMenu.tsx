import { useEffect, useId, useRef, useState } from 'react';
import type { LicenseCard } from '../api/types.ts';
import { READ_ONLY_REASON, useCanChange } from '../console-context.ts';
import { DeactivateDialog, RegenerateDialog } from './ConfirmDialogs.tsx';
import { ExpiryDialog } from './ExpiryDialog.tsx';
import { LimitDialog } from './LimitDialog.tsx';

/*
 * The license card's menu: a button that shows the four actions (a disclosure: Tab moves through
 * them, Escape closes it and returns to the button). For a support user the button says why it
 * does nothing instead of disappearing.
 */

type Action = 'regenerate' | 'limit' | 'expiry' | 'deactivate';

const ITEMS: readonly { readonly action: Action; readonly label: string }[] = [
  { action: 'regenerate', label: 'Regenerate key' },
  { action: 'limit', label: 'Edit activation limit' },
  { action: 'expiry', label: 'Manage expiry' },
  { action: 'deactivate', label: 'Deactivate' },
];

export function LicenseMenu({ license }: { license: LicenseCard; orderId: string }) {
  const canChange = useCanChange();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const deactivated = license.status === 'deactivated';

  useEffect(() => {
    if (!open) return;
    const close = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [open]);

  if (!canChange) {
    return (
      <div className="menu">
        <button type="button" aria-disabled="true" aria-describedby={`${id}-why`}>
          License menu
        </button>
        <p id={`${id}-why`} className="muted small">
          {READ_ONLY_REASON}.
        </p>
      </div>
    );
  }
  const done = () => {
    setAction(null);
    button.current?.focus();
  };
  return (
    <div className="menu">
      <button ref={button} type="button" aria-expanded={open} aria-controls={`${id}-items`} onClick={() => setOpen(!open)}>
        License menu
      </button>
      {open && (
        <ul id={`${id}-items`} className="menu-items">
          {ITEMS.map((item) => (
            <li key={item.action}>
              <button
                type="button"
                disabled={deactivated && item.action !== 'expiry' && item.action !== 'limit'}
                onClick={() => {
                  setOpen(false);
                  setAction(item.action);
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {action === 'regenerate' && <RegenerateDialog license={license} onClose={done} />}
      {action === 'limit' && <LimitDialog license={license} onClose={done} />}
      {action === 'expiry' && <ExpiryDialog license={license} onClose={done} />}
      {action === 'deactivate' && <DeactivateDialog license={license} onClose={done} />}
    </div>
  );
}
