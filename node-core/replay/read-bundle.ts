import { readFileSync } from 'node:fs';
import { checkBundleText, type SupportBundle } from '../../shared/support/bundle.ts';

/*
 * Opens a support bundle for replay the way `keyhole support reproduce` does: a file that is not a
 * bundle, comes from a newer app, was edited after saving, or belongs to another product is refused
 * with a sentence that says which (a ReplayError), never a stack trace.
 */

/** A bundle that cannot be replayed, and why, in words for the person who ran the command. */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

/** Reads and checks the bundle at `path` (seal, format version, schema). */
export async function readReplayBundle(path: string): Promise<SupportBundle> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ReplayError(`cannot read the bundle ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const check = await checkBundleText(text);
  if (!check.ok) throw new ReplayError(`${path}: ${check.problem}`);
  return check.bundle;
}

/** Refuses a bundle from another product than the one whose keys and plugins the replay uses. */
export function assertSameProduct(bundle: SupportBundle, productId: string, where: string): void {
  if (bundle.productId !== productId) {
    throw new ReplayError(`the bundle is for product "${bundle.productId}", but ${where} is for "${productId}": pass that product's config`);
  }
}
