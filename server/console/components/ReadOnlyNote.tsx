import { READ_ONLY_REASON, useCanChange } from '../console-context.ts';

/* Said once at the top of a page a support user reads; the server refuses their changes anyway. */

export function ReadOnlyNote() {
  if (useCanChange()) return null;
  return (
    <p className="notice" data-testid="read-only">
      {READ_ONLY_REASON}.
    </p>
  );
}
