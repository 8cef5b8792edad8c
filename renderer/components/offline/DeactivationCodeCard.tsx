import { useEffect } from 'react';
import { OFFLINE_FOCUS } from '../../state/offline-state.ts';
import { requestCodeOnScreen } from '../../state/shown-codes.ts';
import { useActions, useAppState } from '../app-context.ts';
import { CopyButton } from '../CopyButton.tsx';
import { CopyableAddress, CopyableCode, QrImage } from './CodeDisplay.tsx';
import './offline.css';

/**
 * After an offline deactivation: the code that frees this device's slot on the authority and where
 * to hand it in. It stays (main keeps it across restarts) until the user dismisses it. While the
 * screen shows a request code it is a reminder with a copy button, not a second code and QR code.
 */
export function DeactivationCodeCard() {
  const actions = useActions();
  const deactivation = useAppState((s) => s.offline.deactivation);
  const confirming = useAppState((s) => s.offline.confirmingDismiss);
  const vendor = useAppState((s) => s.info.vendorName);
  const readOnly = useAppState((s) => s.info.readOnly);
  const requestShown = useAppState(requestCodeOnScreen);

  useEffect(() => {
    void actions.offline.loadPending();
  }, [actions]);

  if (!deactivation) return null;
  if (requestShown) {
    return (
      <section className="card deactivation-card" aria-labelledby={OFFLINE_FOCUS.deactivationHeading} data-testid="deactivation-card" data-compact="true">
        <h2 id={OFFLINE_FOCUS.deactivationHeading} tabIndex={-1}>
          A deactivation code is waiting to be handed in
        </h2>
        <p>
          An earlier deactivation left a code that frees its activation slot. It is shown in full again once the request code on this
          screen is done; copy it now if you need it.
        </p>
        <div className="actions">
          <CopyButton what="deactivationCode" text={deactivation.code} label="Copy deactivation code" />
        </div>
      </section>
    );
  }
  return (
    <section className="card deactivation-card" aria-labelledby={OFFLINE_FOCUS.deactivationHeading} data-testid="deactivation-card">
      <h2 id={OFFLINE_FOCUS.deactivationHeading} tabIndex={-1}>
        Deactivation code: free this device&apos;s activation slot
      </h2>
      <p>
        The license was removed from this computer. Its activation slot stays taken until this code is handed in: on
        any computer with internet access, open the page below and paste the code, or send it to {vendor}.
      </p>
      <CopyableCode id="deactivation-code" code={deactivation.code} what="deactivationCode" accessibleLabel="Copy deactivation code" />
      <div className="code-extras">
        <QrImage svg={deactivation.qrSvg} label="QR code of the deactivation code" caption="The same code, to scan with a phone." />
        <dl className="offline-facts">
          <div>
            <dt>Hand it in at</dt>
            <CopyableAddress testId="manual-deactivation-url" url={deactivation.manualUrl} what="deactivationUrl" accessibleLabel="Copy the deactivation page address" />
          </div>
        </dl>
      </div>
      {!confirming ? (
        <div className="actions">
          <button type="button" className="secondary" disabled={readOnly} onClick={() => actions.offline.askDismiss()}>
            I handed it in: dismiss
          </button>
        </div>
      ) : (
        <div className="confirm" role="group" aria-labelledby="dismiss-text">
          <p id="dismiss-text">Dismiss the deactivation code? If it was not handed in, only {vendor} can free the slot.</p>
          <div className="actions">
            <button id={OFFLINE_FOCUS.confirmDismiss} type="button" className="danger" onClick={() => void actions.offline.dismissDeactivation()}>
              Yes, dismiss
            </button>
            <button type="button" className="secondary" onClick={() => actions.offline.keepCode()}>
              Keep showing it
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
