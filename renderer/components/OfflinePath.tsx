import { useActions, useAppState } from './app-context.ts';

export const OFFLINE_NOTE_ID = 'offline-note';

/**
 * The way into offline activation under the online form. A host without the offline flow says
 * so instead of leading nowhere. (An error panel that offers it draws its own button with this note.)
 */
export function OfflinePath() {
  const actions = useActions();
  const available = useAppState((s) => s.info.offlineActivation);
  const readOnly = useAppState((s) => s.info.readOnly);
  return (
    <div className="offline-path">
      <button type="button" className="secondary" disabled={!available || readOnly} aria-describedby={OFFLINE_NOTE_ID} onClick={() => actions.offline.start()}>
        Activate offline
      </button>
      <OfflineNote />
    </div>
  );
}

/** What offline activation needs, beside the button that starts it. */
export function OfflineNote() {
  const available = useAppState((s) => s.info.offlineActivation);
  const support = useAppState((s) => s.info.support.email);
  return (
    <p id={OFFLINE_NOTE_ID} className="muted">
      {available
        ? 'Get an activation code on any other computer with internet access (or from support) and enter it here. This computer needs no connection.'
        : `Offline activation is not available in this build. If this computer cannot reach the license server, write to ${support}.`}
    </p>
  );
}
