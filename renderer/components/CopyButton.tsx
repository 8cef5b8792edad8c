import { useActions, useAppState } from './app-context.ts';

interface Props {
  readonly id?: string;
  /** Which copy this is, so only this button shows "Copied". */
  readonly what: string;
  readonly text: string | (() => string);
  readonly label: string;
  /** The accessible name when the visible label is short, e.g. "Copy Instance ID". */
  readonly accessibleLabel?: string;
  readonly onCopy?: () => Promise<void>;
}

/** A copy button whose own label turns into "Copied" for a moment, visibly and for screen readers. */
export function CopyButton({ id, what, text, label, accessibleLabel, onCopy }: Props) {
  const actions = useActions();
  const copied = useAppState((s) => s.copied === what);
  const copy = () => (onCopy ? onCopy() : actions.copy(what, typeof text === 'function' ? text() : text));
  return (
    <button id={id} type="button" className="secondary" onClick={() => void copy()} aria-label={copied ? 'Copied' : accessibleLabel}>
      {copied ? '✓ Copied' : label}
    </button>
  );
}
