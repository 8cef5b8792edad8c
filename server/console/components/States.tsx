import type { ReactNode } from 'react';
import { asApiError } from '../api/api-error.ts';

/* The three states every page has besides its content: loading, empty, and an error in the catalog's words. */

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** Title, explanation and first fix from the catalog; the authority's own detail line and request id below. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const failure = asApiError(error);
  const { entry } = failure;
  return (
    <div className="problem card" role="alert" data-testid="error-state" data-code={failure.code}>
      <h3>{entry.title}</h3>
      <p>{entry.explanation}</p>
      {failure.detail !== null && <p className="hint">{failure.detail}</p>}
      {entry.fixes[0] !== undefined && <p className="muted">{entry.fixes[0]}</p>}
      {failure.requestId !== null && <p className="muted small">Request ID: {failure.requestId}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
