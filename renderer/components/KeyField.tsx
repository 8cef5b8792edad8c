import { FOCUS } from '../state/focus.ts';
import { checkKeyInput } from '../state/key-check.ts';
import { useActions, useAppState } from './app-context.ts';
import { LicenseKeyInput } from './LicenseKeyInput.tsx';

/** The license key field with its live format check and the Activate button. */
export function KeyField() {
  const actions = useActions();
  const keyInput = useAppState((s) => s.keyInput);
  const busy = useAppState((s) => s.busy);
  const readOnly = useAppState((s) => s.info.readOnly);
  const check = checkKeyInput(keyInput);
  return (
    <form
      className="card key-form"
      aria-labelledby="key-title"
      onSubmit={(event) => {
        event.preventDefault();
        void actions.activate();
      }}
    >
      <h3 id="key-title">Activate online</h3>
      <LicenseKeyInput
        id={FOCUS.keyField}
        name="license-key"
        hintId="key-hint"
        testId="key-hint"
        value={keyInput}
        check={check}
        readOnly={readOnly || busy === 'activate'}
        onChange={(value) => actions.setKey(value)}
      />
      {check.recognisedAs === 'instanceId' && (
        <p className="pointer">
          <button type="button" className="link" onClick={() => document.getElementById(FOCUS.instanceId)?.focus()}>
            Go to this computer&apos;s Instance ID
          </button>
        </p>
      )}
      {check.recognisedAs === 'activationCode' && (
        <p className="pointer">
          <button type="button" className="link" onClick={() => actions.offline.start({ code: keyInput })}>
            Go to offline activation with this code
          </button>
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={check.verdict !== 'ok' || busy !== null || readOnly}>
          Activate
        </button>
      </div>
    </form>
  );
}
