import { FOCUS } from '../state/actions.ts';
import { useActions, useAppState } from './app-context.ts';

/** Re-validate now, change key, deactivate this device (with an inline confirmation). */
export function StatusActions() {
  const actions = useActions();
  const busy = useAppState((s) => s.busy);
  const readOnly = useAppState((s) => s.info.readOnly);
  const confirming = useAppState((s) => s.confirmingDeactivate);
  const state = useAppState((s) => s.license.status.state);
  const hasCertificate = useAppState((s) => s.license.status.certificate !== null);
  const off = busy !== null || readOnly;
  const featuresOff = state !== 'active' && state !== 'grace';
  return (
    <div className="card actions-card">
      <div className="actions">
        {hasCertificate && (
          <button type="button" className={featuresOff ? 'secondary' : 'primary'} disabled={off} onClick={() => void actions.validateNow()}>
            {busy === 'validate' ? 'Re-validating…' : 'Re-validate now'}
          </button>
        )}
        <button type="button" className={featuresOff ? 'primary' : 'secondary'} disabled={off} onClick={() => actions.changeKey()}>
          {state === 'not_activated' ? 'Activate' : featuresOff ? 'Activate again' : 'Change key'}
        </button>
        {hasCertificate && !confirming && (
          <button id={FOCUS.deactivate} type="button" className="danger" disabled={off} onClick={() => actions.askDeactivate()}>
            Deactivate this device
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-labelledby="confirm-text">
          <p id="confirm-text">
            Deactivate this device? Its activation slot is freed for another computer and licensed features turn off here
            until you activate again.
          </p>
          <div className="actions">
            <button id={FOCUS.confirmDeactivate} type="button" className="danger" disabled={off} onClick={() => void actions.deactivate()}>
              {busy === 'deactivate' ? 'Deactivating…' : 'Yes, deactivate'}
            </button>
            <button type="button" className="secondary" onClick={() => actions.keepActivation()}>
              Keep it active
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
