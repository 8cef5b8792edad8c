import { OFFLINE_FOCUS } from '../../state/offline-state.ts';
import { useActions, useAppState } from '../app-context.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { ActivationCodeForm } from './ActivationCodeForm.tsx';
import { OfflineKeyStep } from './OfflineKeyStep.tsx';
import { RequestCodeCard } from './RequestCodeCard.tsx';
import './offline.css';

/**
 * "Activate offline": key → request code → activation code, for a computer that cannot
 * reach the license server. Nothing here uses the network; the request code travels by hand.
 */
export function OfflineScreen() {
  const actions = useActions();
  const productName = useAppState((s) => s.info.productName);
  // A request answered or discarded elsewhere (another window) leaves step 2 with nothing to show: back to step 1.
  const step = useAppState((s) => (s.offline.step === 'request' && s.offlineRequest === null ? 'key' : s.offline.step));
  const problem = useAppState((s) => s.problem);
  const hasLicense = useAppState((s) => s.license.status.state !== 'not_activated');
  return (
    <section className="screen" aria-labelledby={OFFLINE_FOCUS.heading}>
      <div className="screen-title">
        <h2 id={OFFLINE_FOCUS.heading} tabIndex={-1}>
          Activate {productName} offline
        </h2>
        <button type="button" className="link" onClick={() => actions.offline.leave()}>
          {hasLicense ? 'Back to license information' : 'Back to online activation'}
        </button>
      </div>
      <p className="muted intro">
        For a computer that cannot reach the license server: this app makes a request code, any computer with internet
        access turns it into an activation code on the manual activation page, and you bring that code back here.
      </p>
      {step === 'key' && <OfflineKeyStep />}
      {step !== 'key' && <RequestCodeCard />}
      {step === 'code' && <ActivationCodeForm />}
      {problem && <ErrorPanel code={problem.error.code} place="offline" failed hint={problem.error.hint} requestId={problem.error.details?.requestId} />}
    </section>
  );
}
