import { isLeasedMode } from '../../shared/license/certificate.ts';
import { CONTROL_LABELS, changeKeyLabel } from '../../shared/errors/controls.ts';
import { FOCUS } from '../state/focus.ts';
import { featuresOff as featuresAreOff, statusLeadOf } from '../state/panel-context.ts';
import { useActions, useAppState } from './app-context.ts';
import { OfflineModeNote } from './offline/OfflineModeNote.tsx';

/**
 * Re-validate now, change key, and apart from them "Deactivate this device" (with an inline
 * confirmation). The labels are the ones the catalog's fix steps name (shared/errors/controls.ts).
 */
export function StatusActions() {
  const actions = useActions();
  const busy = useAppState((s) => s.busy);
  const readOnly = useAppState((s) => s.info.readOnly);
  const confirming = useAppState((s) => s.confirmingDeactivate);
  const state = useAppState((s) => s.license.status.state);
  const hasCertificate = useAppState((s) => s.license.status.certificate !== null);
  // Air-gapped and offline licenses never call out: no re-validation, and deactivation is offline.
  const callsOut = useAppState((s) => isLeasedMode(s.license.status.certificate?.mode));
  const featuresOff = useAppState(featuresAreOff);
  const off = busy !== null || readOnly;
  // At most one main button on the screen, counting the error panel's (shared/errors/screen-actions.ts).
  const lead = useAppState(statusLeadOf);
  const revalidateFirst = lead === 'revalidate';
  const changeKeyMain = lead === 'changeKey';
  return (
    <div className="card actions-card">
      <div className="actions">
        {hasCertificate && callsOut && (
          <button type="button" className={revalidateFirst ? 'primary' : 'secondary'} disabled={off} onClick={() => void actions.validateNow()}>
            {busy === 'validate' ? 'Re-validating…' : CONTROL_LABELS.revalidate}
          </button>
        )}
        <button type="button" className={changeKeyMain ? 'primary' : 'secondary'} disabled={off} onClick={() => actions.changeKey()}>
          {state === 'not_activated' ? 'Activate' : changeKeyLabel(featuresOff)}
        </button>
      </div>
      <OfflineModeNote />
      {hasCertificate && !confirming && (
        <div className="actions device-actions">
          <button id={FOCUS.deactivate} type="button" className="secondary" disabled={off} onClick={() => actions.askDeactivate()}>
            {CONTROL_LABELS.deactivate}
          </button>
        </div>
      )}
      {confirming && (
        <div
          className="confirm"
          role="group"
          aria-labelledby="confirm-text"
          // Escape backs out of the question, the same as "Keep it active".
          onKeyDown={(event) => {
            if (event.key === 'Escape') actions.keepActivation();
          }}
        >
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
