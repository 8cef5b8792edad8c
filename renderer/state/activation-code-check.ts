import type { ErrorCode } from '../../shared/errors/catalog.ts';
import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { recognizeCode } from '../../shared/format/checked-code.ts';
import { CODE_KINDS, type CodeKind } from '../../shared/format/code-kinds.ts';
import { decodeActivationCode } from '../../shared/license/certificate.ts';

/*
 * The live check under the activation code field (offline step 3). Like key-check.ts it only runs
 * shared's own decoder, so the hint is exactly what main would answer ("group 7 has a typo", "the
 * code is 40 characters short", a request code or license key pasted here); the signature, this
 * machine and the expiry are main's to check.
 */

export interface ActivationCodeCheck {
  /** 'short': clean so far but incomplete (still pasting or typing); 'invalid': wrong as it is. */
  readonly verdict: 'empty' | 'short' | 'invalid' | 'ok';
  readonly hint: string | null;
  /** The catalog code whose title heads the hint (the activation code's format error), when not ok. */
  readonly code: ErrorCode | null;
  /** What else the text was recognised as (a request code, a license key, …). */
  readonly recognisedAs: CodeKind | null;
}

/** Checks what is in the field now against the product's plugin catalog (ids in catalog order). */
export function checkActivationCodeInput(input: string, pluginCatalog: readonly string[]): ActivationCodeCheck {
  if (input.trim() === '') return { verdict: 'empty', hint: null, code: null, recognisedAs: null };
  const recognised = recognizeCode(input) ?? null;
  try {
    decodeActivationCode(input, pluginCatalog);
    return { verdict: 'ok', hint: null, code: null, recognisedAs: 'activationCode' };
  } catch (error) {
    const hint = error instanceof KeyholeError ? (error.hint ?? null) : String(error);
    const code = error instanceof KeyholeError ? error.code : CODE_KINDS.activationCode.formatError;
    const short = hint !== null && /^(the code is \d+ characters? short|looks truncated)/.test(hint);
    return { verdict: short ? 'short' : 'invalid', hint, code, recognisedAs: recognised === 'activationCode' ? null : recognised };
  }
}
