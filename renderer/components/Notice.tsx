import { useAppState } from './app-context.ts';

/**
 * The visible "done" after an action succeeded (deactivated, key changed, activated offline), for
 * everyone who does not hear the live region. It goes with the next action.
 */
export function Notice() {
  const notice = useAppState((s) => s.notice);
  if (!notice) return null;
  return (
    <p className="card done-notice" data-testid="notice">
      {notice}
    </p>
  );
}
