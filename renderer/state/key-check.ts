import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { recognizeCode } from '../../shared/format/checked-code.ts';
import type { CodeKind } from '../../shared/format/code-kinds.ts';
import { parseLicenseKey } from '../../shared/format/license-key.ts';

/*
 * The live check under the license key field. It only ever runs shared's own parser, so the hint a
 * user sees while typing is exactly what main would answer; nothing is sent anywhere.
 */

export interface KeyCheck {
  /** 'empty': nothing typed; 'typing': not complete yet; 'invalid': cannot become a key as is; 'ok'. */
  readonly verdict: 'empty' | 'typing' | 'invalid' | 'ok';
  /** The parser's precise hint (from shared/format), when there is one. */
  readonly hint: string | null;
  /** The canonical key when well-formed. */
  readonly canonical: string | null;
  /** What else the text was recognised as (an Instance ID, an activation code, …). */
  readonly recognisedAs: CodeKind | null;
}

/** Checks what is in the field now. */
export function checkKeyInput(input: string): KeyCheck {
  if (input.trim() === '') return { verdict: 'empty', hint: null, canonical: null, recognisedAs: null };
  const recognised = recognizeCode(input) ?? null;
  try {
    const canonical = parseLicenseKey(input);
    return { verdict: 'ok', hint: null, canonical, recognisedAs: 'licenseKey' };
  } catch (error) {
    const hint = error instanceof KeyholeError ? (error.hint ?? null) : String(error);
    // Shorter than a key and otherwise clean: the person is still typing, so the hint is neutral.
    const typing = hint !== null && hint.startsWith('looks truncated') && recognised === null;
    return { verdict: typing ? 'typing' : 'invalid', hint, canonical: null, recognisedAs: recognised };
  }
}
