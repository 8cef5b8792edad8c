import { CATALOG } from '../../shared/errors/catalog.ts';
import { CODE_KINDS } from '../../shared/format/code-kinds.ts';
import type { KeyCheck } from '../state/key-check.ts';

const FORMAT = 'KH-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX';

/** The sentence under a license key field. */
function hintText(check: KeyCheck): string {
  const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1) + '.';
  switch (check.verdict) {
    case 'empty':
      return `Paste or type the key from your order email (${FORMAT}). Spaces and dashes do not matter.`;
    case 'typing':
      return sentence(check.hint ?? 'keep typing');
    case 'invalid':
      return `${CATALOG[CODE_KINDS.licenseKey.formatError].title}: ${check.hint ?? ''}.`;
    case 'ok':
      return `Well-formed license key: ${check.canonical}.`;
  }
}

interface LicenseKeyInputProps {
  readonly id: string;
  readonly name: string;
  readonly hintId: string;
  readonly testId: string;
  readonly value: string;
  readonly check: KeyCheck;
  readonly readOnly: boolean;
  readonly onChange: (value: string) => void;
}

/** A license key input with its live format hint; online and offline activation both use it. */
export function LicenseKeyInput({ id, name, hintId, testId, value, check, readOnly, onChange }: LicenseKeyInputProps) {
  return (
    <>
      <label htmlFor={id}>License key</label>
      <input
        id={id}
        name={name}
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        readOnly={readOnly}
        aria-invalid={check.verdict === 'invalid'}
        aria-describedby={hintId}
      />
      <p id={hintId} className={`key-hint ${check.verdict}`} data-testid={testId} data-verdict={check.verdict}>
        {hintText(check)}
      </p>
    </>
  );
}
