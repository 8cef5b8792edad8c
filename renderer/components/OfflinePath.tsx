import { useActions, useAppState } from './app-context.ts';

/**
 * The way into offline activation, offered next to "Cannot reach the license server"
 * and under the online form. A host without the offline flow says so instead of leading nowhere.
 */
export function OfflinePath() {
  const actions = useActions();
  const available = useAppState((s) => s.info.offlineActivation);
  const readOnly = useAppState((s) => s.info.readOnly);
  const support = useAppState((s) => s.info.support.email);
  return (
    <div className="offline-path">
      <button type="button" className="secondary" disabled={!available || readOnly} aria-describedby="offline-note" onClick={() => actions.offline.start()}>
        Activate offline
      </button>
      <p id="offline-note" className="muted">
        {available
          ? 'Get an activation code on any other computer with internet access (or from support) and enter it here. This computer needs no connection.'
          : `Offline activation is not available in this build. If this computer cannot reach the license server, write to ${support}.`}
      </p>
    </div>
  );
}
