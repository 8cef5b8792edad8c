import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

/*
 * One labelled control with an optional hint tied to it (aria-describedby), so a screen reader
 * reads both: the one field row of every form and dialog. `Field` is an input, `SelectField` a
 * select; `FieldRow` takes any other control.
 */

interface Labelled {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  /** Extra classes for the row (e.g. `end` to line a button up with its neighbours). */
  readonly rowClass?: string;
}

/** What the control must carry so its label and hint point at it. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-describedby'?: string;
}

export function FieldRow({ label, hint, rowClass, control }: Labelled & { control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={rowClass === undefined ? 'field' : `field ${rowClass}`}>
      <label htmlFor={id}>{label}</label>
      {control(hint === undefined ? { id } : { id, 'aria-describedby': hintId })}
      {hint !== undefined && (
        <p id={hintId} className="muted small">
          {hint}
        </p>
      )}
    </div>
  );
}

export function Field({ label, hint, rowClass, ...input }: InputHTMLAttributes<HTMLInputElement> & Labelled) {
  return <FieldRow label={label} hint={hint} {...(rowClass === undefined ? {} : { rowClass })} control={(props) => <input {...props} {...input} />} />;
}

export function SelectField({ label, hint, rowClass, children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & Labelled) {
  return (
    <FieldRow
      label={label}
      hint={hint}
      {...(rowClass === undefined ? {} : { rowClass })}
      control={(props) => (
        <select {...props} {...select}>
          {children}
        </select>
      )}
    />
  );
}
