import type { ReactNode } from 'react';
import { describeError } from '../../shared/errors/catalog.ts';
import type { ErrorCode } from '../../shared/errors/catalog.ts';
import { FOCUS } from '../state/focus.ts';
import { SupportDetailsButton } from './support/SupportDetailsButton.tsx';

interface Props {
  readonly code: ErrorCode;
  /** The precise, situation-specific sentence (an ErrorInfo hint or the failed check). */
  readonly hint?: string | null;
  /** Rendered under the fix steps: Retry, offline path, state-specific ways out. */
  readonly children?: ReactNode;
  /** Rendered below the buttons, e.g. the path to offline activation. */
  readonly extra?: ReactNode;
  /** Whether this panel takes the focus target id (only one panel on screen does). */
  readonly focusable?: boolean;
  /** The license server's id for the failed request (error details), so support can find its log line. */
  readonly requestId?: unknown;
}

/** The catalog's entry for a code: title, what happened, causes, numbered fix steps, support copy. */
export function ErrorPanel({ code, hint, children, extra, focusable = true, requestId }: Props) {
  const entry = describeError(code);
  const headingId = focusable ? FOCUS.problemHeading : `${code}-title`;
  const tone = entry.severity === 'error' ? 'bad' : entry.severity === 'warning' ? 'warn' : 'neutral';
  return (
    <section className={`card problem ${tone}`} aria-labelledby={headingId} data-testid="error-panel" data-code={code}>
      <h3 id={headingId} tabIndex={-1}>
        {entry.title}
      </h3>
      <p>{entry.explanation}</p>
      {hint && (
        <p className="hint">
          <strong>What happened: </strong>
          {hint}
        </p>
      )}
      <h4>Common causes</h4>
      <ul>
        {entry.causes.map((cause) => (
          <li key={cause}>{cause}</li>
        ))}
      </ul>
      <h4>How to fix it</h4>
      <ol>
        {entry.fixes.map((fix) => (
          <li key={fix}>{fix}</li>
        ))}
      </ol>
      <div className="actions">
        {children}
        <SupportDetailsButton panelId={headingId} />
      </div>
      {typeof requestId === 'string' && (
        <p className="request-id" data-testid="request-id">
          Reference for support: <code>{requestId}</code>
        </p>
      )}
      {extra}
    </section>
  );
}
