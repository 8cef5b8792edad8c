import { writeFileSync } from 'node:fs';
import type { SupportBundle } from '../../shared/support/bundle.ts';

/*
 * The bundle as a file and as clipboard text: pretty JSON (a person may want to read it), ending
 * in a newline. The seal covers the content, not the formatting, so re-indenting does not "edit" it.
 */

/** The JSON text "Copy details for support" puts on the clipboard and "Save" writes. */
export function bundleText(bundle: SupportBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/**
 * A file name for the save dialog: product, Instance ID and the bundle's time.
 *
 * @example
 * supportBundleFileName(bundle) // "keyhole-support-acme-studio-ABCD-EFGH-JKMN-PQRS-20260301-0930.json"
 */
export function supportBundleFileName(bundle: SupportBundle): string {
  const stamp = new Date(bundle.createdAt).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const safe = (text: string) => text.replace(/[^\w-]+/g, '_');
  return `keyhole-support-${safe(bundle.productId)}-${safe(bundle.instanceId)}-${stamp}.json`;
}

/** Writes the bundle where the user chose (readable by the user only: it names their machine). */
export function writeSupportBundle(path: string, bundle: SupportBundle): void {
  writeFileSync(path, bundleText(bundle), { mode: 0o600 });
}
