import { OFFLINE_LABELS } from '../../../shared/errors/controls.ts';
import { OFFLINE_FOCUS } from '../../state/offline-state.ts';
import { checkKeyInput } from '../../state/key-check.ts';
import { useActions, useAppState } from '../app-context.ts';
import { LicenseKeyInput } from '../LicenseKeyInput.tsx';

/** Step 1: the license key, with the same live format check as online activation. */
export function OfflineKeyStep() {
  const actions = useActions();
  const keyInput = useAppState((s) => s.offline.keyInput);
  const busy = useAppState((s) => s.busy);
  const readOnly = useAppState((s) => s.info.readOnly);
  const check = checkKeyInput(keyInput);
  return (
    <form
      className="card"
      aria-labelledby="offline-key-title"
      onSubmit={(event) => {
        event.preventDefault();
        void actions.offline.requestCode();
      }}
    >
      <h3 id="offline-key-title">Step 1 of 3: your license key</h3>
      <LicenseKeyInput
        id={OFFLINE_FOCUS.keyField}
        name="offline-license-key"
        hintId="offline-key-hint"
        testId="offline-key-hint"
        value={keyInput}
        check={check}
        readOnly={readOnly || busy !== null}
        onChange={(value) => actions.offline.setKey(value)}
      />
      {check.recognisedAs === 'activationCode' && (
        <p className="pointer">
          <button type="button" className="link" onClick={() => actions.offline.start({ code: keyInput })}>
            Use it as the activation code (step 3)
          </button>
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={check.verdict !== 'ok' || busy !== null || readOnly}>
          Create request code
        </button>
        <button type="button" className="secondary" disabled={readOnly} onClick={() => actions.offline.enterCode()}>
          {OFFLINE_LABELS.enterActivationCode}
        </button>
      </div>
    </form>
  );
}
