import { describeError, openActivationScreens, useLicense } from 'keyhole/react';

/*
 * The license in one line above the panels, in the catalog's words: nothing while active, the
 * days left in grace (features stay on), and the explanation when features are off.
 */

export function LicenseBanner() {
  const { view } = useLicense();
  if (view === null) return <p className="banner" role="status">Checking the license…</p>;
  const { status } = view;
  if (status.state === 'active' || status.code === null) return <p className="banner hidden" role="status" />;
  const entry = describeError(status.code);
  const grace = status.state === 'grace';
  const days = status.daysLeft ?? 0;
  return (
    <div className={`banner ${grace ? 'warning' : 'error'}`} role="status" data-testid="license-banner" data-state={status.state}>
      <p>
        <strong>{grace ? `${entry.title} — ${days} day${days === 1 ? '' : 's'} left` : entry.title}</strong>
      </p>
      <p>{entry.explanation}</p>
      <button type="button" className="link" onClick={() => openActivationScreens()}>
        Open the license screen
      </button>
    </div>
  );
}
