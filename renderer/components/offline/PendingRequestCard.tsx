import { OFFLINE_LABELS } from '../../../shared/errors/controls.ts';
import { OFFLINE_FOCUS } from '../../state/offline-state.ts';
import { useActions, useAppState } from '../app-context.ts';
import { RequestCodeDetails, StartOverButton } from './RequestCodeCard.tsx';

/**
 * On the key screen, a request code made here that still waits for its activation code (main keeps
 * it across reloads and restarts): the same code again, the way on to step 3, and a way to start over.
 */
export function PendingRequestCard() {
  const actions = useActions();
  const request = useAppState((s) => s.offlineRequest);
  const off = useAppState((s) => s.busy !== null || s.info.readOnly);
  if (!request) return null;
  return (
    <section className="card" aria-labelledby={OFFLINE_FOCUS.pendingHeading} data-testid="pending-request">
      <h3 id={OFFLINE_FOCUS.pendingHeading} tabIndex={-1}>
        Offline activation: waiting for the activation code
      </h3>
      <p>
        This computer made the request code below. On any computer with internet access, paste it into the manual activation page and
        choose “Get activation code”, then enter the activation code here.
      </p>
      <RequestCodeDetails request={request} />
      <div className="actions">
        <button type="button" className="secondary" disabled={off} onClick={() => actions.offline.resume()}>
          {OFFLINE_LABELS.enterActivationCode}
        </button>
        <StartOverButton disabled={off} />
      </div>
    </section>
  );
}
