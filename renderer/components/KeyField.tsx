import { CATALOG } from '../../shared/errors/catalog.ts';
import { FOCUS } from '../state/actions.ts';
import { checkKeyInput, type KeyCheck } from '../state/key-check.ts';
import { useActions, useAppState } from './app-context.ts';

const FORMAT = 'KH-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX';

/** The sentence under a license key field (also used by offline activation's step 1). */
export function hintText(check: KeyCheck): string {
  const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1) + '.';
  switch (check.verdict) {
    case 'empty':
      return `Paste or type the key from your order email (${FORMAT}). Spaces and dashes do not matter.`;
    case 'typing':
      return sentence(check.hint ?? 'keep typing');
    case 'invalid':
      return `${CATALOG.LICENSE_FORMAT_INVALID.title}: ${check.hint ?? ''}.`;
    case 'ok':
      return `Well-formed license key: ${check.canonical}.`;
  }
}

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
      <label htmlFor={FOCUS.keyField}>License key</label>
      <input
        id={FOCUS.keyField}
        name="license-key"
        type="text"
        value={keyInput}
        onChange={(event) => actions.setKey(event.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        readOnly={readOnly || busy === 'activate'}
        aria-invalid={check.verdict === 'invalid'}
        aria-describedby="key-hint"
      />
      <p id="key-hint" className={`key-hint ${check.verdict}`} data-testid="key-hint" data-verdict={check.verdict}>
        {hintText(check)}
      </p>
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
