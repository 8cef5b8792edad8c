import { OFFLINE_LABELS } from '../../../shared/errors/controls.ts';
import type { OfflineRequestInfo } from '../../../shared/ipc/channels/offline.ts';
import { OFFLINE_FOCUS } from '../../state/offline-state.ts';
import { useActions, useAppState } from '../app-context.ts';
import { CopyableAddress, CopyableCode, QrImage } from './CodeDisplay.tsx';

/**
 * Step 2: the request code to carry to a connected computer, its QR code, where to paste it, and
 * who to ask. The page address is text with a copy button: the app window opens no links.
 */
export function RequestCodeCard() {
  const actions = useActions();
  const request = useAppState((s) => s.offlineRequest);
  const waiting = useAppState((s) => s.offline.step === 'request');
  const off = useAppState((s) => s.busy !== null || s.info.readOnly);
  if (!request) return null;
  return (
    <section className="card" aria-labelledby={OFFLINE_FOCUS.requestHeading} data-testid="request-card">
      <h3 id={OFFLINE_FOCUS.requestHeading} tabIndex={-1}>
        Step 2 of 3: take this request code to a computer with internet access
      </h3>
      <p>
        Open the manual activation page there, paste the request code and choose “Get activation code”. Bring the
        activation code back to this computer (copy it, type it, or scan its QR code).
      </p>
      <RequestCodeDetails request={request} />
      <div className="actions">
        {waiting && (
          <button type="button" className="primary" onClick={() => actions.offline.enterCode()}>
            {OFFLINE_LABELS.nextEnterCode}
          </button>
        )}
        <StartOverButton disabled={off} />
      </div>
    </section>
  );
}

/** "Start over": forgets the request code made here (both cards offering it end with this). */
export function StartOverButton({ disabled }: { readonly disabled: boolean }) {
  const actions = useActions();
  return (
    <button type="button" className="secondary" disabled={disabled} onClick={() => void actions.offline.startOver()}>
      {OFFLINE_LABELS.startOver}
    </button>
  );
}

/** The request code with its copy button, QR code, manual page address, Instance ID and the vendor's contact. */
export function RequestCodeDetails({ request }: { readonly request: OfflineRequestInfo }) {
  const vendor = useAppState((s) => s.info.vendorName);
  const { email, url } = request.supportContact;
  return (
    <>
      <CopyableCode id="request-code" code={request.requestCode} what="requestCode" accessibleLabel="Copy request code" />
      <div className="code-extras">
        <QrImage svg={request.qrSvg} label="QR code of the request code" caption="Scan it with a phone: it opens the activation page with this request code filled in." />
        <dl className="offline-facts">
          <div>
            <dt>Manual activation page</dt>
            <CopyableAddress testId="manual-activation-url" url={request.manualActivationUrl} what="manualUrl" accessibleLabel="Copy the manual activation page address" />
          </div>
          <div>
            <dt>Instance ID (if the page asks for the license key and Instance ID instead)</dt>
            <dd translate="no">{request.instanceId}</dd>
          </div>
          <div>
            <dt>No computer with internet access?</dt>
            <dd className="plain">
              Send the request code to {vendor}: <span translate="no">{email}</span>
              {url && (
                <>
                  {' · '}
                  <span translate="no">{url}</span>
                </>
              )}
            </dd>
          </div>
        </dl>
      </div>
    </>
  );
}
