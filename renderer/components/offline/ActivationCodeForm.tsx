import { CATALOG } from '../../../shared/errors/catalog.ts';
import { checkActivationCodeInput, type ActivationCodeCheck } from '../../state/activation-code-check.ts';
import { OFFLINE_FOCUS } from '../../state/offline-state.ts';
import { useActions, useAppState } from '../app-context.ts';

function hintText(check: ActivationCodeCheck): string {
  const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1) + '.';
  switch (check.verdict) {
    case 'empty':
      return 'Paste or type the activation code (KA-…) from the manual activation page. Spaces, dashes and line breaks do not matter.';
    case 'short':
      return sentence(check.hint ?? 'keep typing');
    case 'invalid':
      return `${CATALOG[check.code ?? 'ACTIVATION_CODE_FORMAT_INVALID'].title}: ${check.hint ?? ''}.`;
    case 'ok':
      return 'Well-formed activation code. Activate to check it for this computer.';
  }
}

/** Step 3: the activation code brought back, with its live format check, then activate. */
export function ActivationCodeForm() {
  const actions = useActions();
  const codeInput = useAppState((s) => s.offline.codeInput);
  const hasRequest = useAppState((s) => s.offlineRequest !== null);
  const plugins = useAppState((s) => s.info.plugins);
  const busy = useAppState((s) => s.busy);
  const readOnly = useAppState((s) => s.info.readOnly);
  const check = checkActivationCodeInput(
    codeInput,
    plugins.map((plugin) => plugin.id),
  );
  return (
    <form
      className="card"
      aria-labelledby="activation-code-title"
      onSubmit={(event) => {
        event.preventDefault();
        void actions.offline.activate();
      }}
    >
      <h3 id="activation-code-title">Step 3 of 3: enter the activation code</h3>
      <label htmlFor={OFFLINE_FOCUS.codeField}>Activation code</label>
      <textarea
        id={OFFLINE_FOCUS.codeField}
        name="activation-code"
        rows={4}
        value={codeInput}
        onChange={(event) => actions.offline.setCode(event.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        readOnly={readOnly || busy !== null}
        aria-invalid={check.verdict === 'invalid'}
        aria-describedby="activation-code-hint"
      />
      <p id="activation-code-hint" className={`key-hint ${check.verdict}`} data-testid="activation-code-hint" data-verdict={check.verdict}>
        {hintText(check)}
      </p>
      {check.recognisedAs === 'requestCode' && hasRequest && (
        <p className="pointer">
          <button type="button" className="link" onClick={() => document.getElementById(OFFLINE_FOCUS.requestHeading)?.focus()}>
            Go to the request code (step 2)
          </button>
        </p>
      )}
      {check.recognisedAs === 'licenseKey' && (
        <p className="pointer">
          <button type="button" className="link" onClick={() => actions.offline.moveCodeToKey()}>
            Use it as the license key (step 1)
          </button>
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={check.verdict !== 'ok' || busy !== null || readOnly}>
          {busy === 'offline' ? 'Activating…' : 'Activate with this code'}
        </button>
      </div>
    </form>
  );
}
