import { useAppState } from './app-context.ts';

/**
 * The way to offline activation offered next to "Cannot reach the license server". Until the
 * offline flow ships (issue 5) the button is disabled and says so, rather than leading nowhere.
 */
export function OfflinePath() {
  const available = useAppState((s) => s.info.offlineActivation);
  const support = useAppState((s) => s.info.support.email);
  if (available) return null; // issue 5 renders its entry point here
  return (
    <div className="offline-path">
      <button type="button" className="secondary" disabled aria-describedby="offline-note">
        Activate offline
      </button>
      <p id="offline-note" className="muted">
        Offline activation is not available in this build yet. If this computer cannot reach the license server, write
        to <a href={`mailto:${support}`}>{support}</a>.
      </p>
    </div>
  );
}
