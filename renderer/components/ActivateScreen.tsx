import { FOCUS } from '../state/focus.ts';
import { ActivationProgress } from './ActivationProgress.tsx';
import { useActions, useAppState } from './app-context.ts';
import { ErrorPanel } from './ErrorPanel.tsx';
import { InstanceIdCard } from './InstanceIdCard.tsx';
import { KeyField } from './KeyField.tsx';
import { OfflinePath } from './OfflinePath.tsx';
import { OfflineEntry } from './offline/OfflineEntry.tsx';

/** The activation wizard: Instance ID, license key, progress and the error panel. */
export function ActivateScreen() {
  const actions = useActions();
  const productName = useAppState((s) => s.info.productName);
  const hasLicense = useAppState((s) => s.license.status.state !== 'not_activated');
  const problem = useAppState((s) => s.problem);
  const readOnly = useAppState((s) => s.info.readOnly);
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
      {problem && (
        <ErrorPanel
          code={problem.error.code}
          hint={problem.error.hint}
          requestId={problem.error.details?.requestId}
          extra={problem.error.code === 'SERVER_UNREACHABLE' && <OfflinePath />}
        >
          {problem.error.code !== 'LICENSE_FORMAT_INVALID' && (
            <button type="button" className="primary" disabled={readOnly} onClick={() => void actions.retry()}>
              Retry
            </button>
          )}
        </ErrorPanel>
      )}
      <OfflineEntry />
      <InstanceIdCard />
    </section>
  );
}
