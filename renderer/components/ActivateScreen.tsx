import { FOCUS } from '../state/focus.ts';
import { ActivationProgress } from './ActivationProgress.tsx';
import { useActions, useAppState } from './app-context.ts';
import { ErrorPanel } from './ErrorPanel.tsx';
import { InstanceIdCard } from './InstanceIdCard.tsx';
import { KeyField } from './KeyField.tsx';
import { OfflineEntry } from './offline/OfflineEntry.tsx';
import { PendingRequestCard } from './offline/PendingRequestCard.tsx';
import { TrialOffer } from './TrialOffer.tsx';
import { SlotRecovery } from './SlotRecovery.tsx';

/** The activation wizard: Instance ID, license key, progress and the error panel. */
export function ActivateScreen() {
  const actions = useActions();
  const productName = useAppState((s) => s.info.productName);
  const hasLicense = useAppState((s) => s.license.status.state !== 'not_activated');
  const problem = useAppState((s) => s.problem);
  return (
    <section className="screen" aria-labelledby={FOCUS.activateHeading}>
      <div className="screen-title">
        <h2 id={FOCUS.activateHeading} tabIndex={-1}>
          Activate {productName}
        </h2>
        {hasLicense && (
          <button type="button" className="link" onClick={() => actions.showStatus()}>
            Back to license information
          </button>
        )}
      </div>
      <KeyField />
      <ActivationProgress />
      {problem && <ErrorPanel code={problem.error.code} place="activate" failed hint={problem.error.hint} requestId={problem.error.details?.requestId} />}
      <PendingRequestCard />
      <TrialOffer />
      <SlotRecovery />
      <OfflineEntry />
      <InstanceIdCard />
    </section>
  );
}
