import { FOCUS } from '../state/focus.ts';
import { useActions, useAppState } from './app-context.ts';
import { OfflineModeNote } from './offline/OfflineModeNote.tsx';

/** Re-validate now, change key, deactivate this device (with an inline confirmation). */
export function StatusActions() {
  const actions = useActions();
  const busy = useAppState((s) => s.busy);
  const readOnly = useAppState((s) => s.info.readOnly);
  const confirming = useAppState((s) => s.confirmingDeactivate);
  const state = useAppState((s) => s.license.status.state);
  const hasCertificate = useAppState((s) => s.license.status.certificate !== null);
  // Air-gapped and offline licenses never call out: no re-validation, and deactivation is offline.
  const callsOut = useAppState((s) => s.license.status.certificate?.mode === 'online');
  const off = busy !== null || readOnly;
  const featuresOff = state !== 'active' && state !== 'grace';
  // With the clock set back, a fresh answer from the server is what ends the state (once the clock is right).
  const revalidateFirst = hasCertificate && callsOut && state === 'clock_rollback';
  return (
    <div className="card actions-card">
      <div className="actions">
        {hasCertificate && callsOut && (
          <button type="button" className={featuresOff && !revalidateFirst ? 'secondary' : 'primary'} disabled={off} onClick={() => void actions.validateNow()}>
            {busy === 'validate' ? 'Re-validating…' : 'Re-validate now'}
          </button>
        )}
        <button type="button" className={featuresOff && !revalidateFirst ? 'primary' : 'secondary'} disabled={off} onClick={() => actions.changeKey()}>
          {state === 'not_activated' ? 'Activate' : featuresOff ? 'Activate again' : 'Change key'}
        </button>
        {hasCertificate && !confirming && (
          <button id={FOCUS.deactivate} type="button" className="danger" disabled={off} onClick={() => actions.askDeactivate()}>
            Deactivate this device
          </button>
        )}
      </div>
      <OfflineModeNote />
      {confirming && (
        <div className="confirm" role="group" aria-labelledby="confirm-text">
          <p id="confirm-text">
            {callsOut
              ? 'Deactivate this device? Its activation slot is freed for another computer and licensed features turn off here until you activate again.'
              : 'Deactivate this device? The license is removed from this computer at once and licensed features turn off. You then get a deactivation code: hand it in on the manual activation page, from any computer with internet access, to free the activation slot.'}
          </p>
          <div className="actions">
            <button id={FOCUS.confirmDeactivate} type="button" className="danger" disabled={off} onClick={() => void (callsOut ? actions.deactivate() : actions.offline.deactivate())}>
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
