import type { LicenseEvaluation } from '../license/evaluate.ts';

/*
 * The status the screens show, as it crosses from main to the renderer. Its own module so the
 * contract and its channel groups (./channels/) can both use it without importing each other.
 */

/** What the license server said the last time it answered. */
export interface ServerInfo {
  readonly activationsUsed: number | null;
  readonly activationLimit: number | null;
  readonly planName: string | null;
  readonly expiresAt: number | null;
  readonly lastValidatedAt: number | null;
}

/** Everything the license information dialog shows, in one snapshot. */
export interface LicenseView {
  readonly status: LicenseEvaluation;
  readonly instanceId: string;
  readonly server: ServerInfo | null;
  /** The stored key as support bundles show it ("KH-M57YF-…-S8P0T"); null after an offline activation or before any. */
  readonly licenseKey: string | null;
  /** Who the license was sold to (the order's customer name), when the authority said. */
  readonly licensee: string | null;
  /** How the local license file's key is protected, in words, e.g. "Encrypted; key in the GNOME keyring". */
  readonly storeBackend: string;
  /** True when that protection stops damage and casual edits, not a determined local user. */
  readonly storeBackendWeak: boolean;
  /** True when no hardware fingerprint component could be read, so the Instance ID alone decides. */
  readonly weakFingerprint: boolean;
  /** App clock time (epoch ms) this snapshot was evaluated at; countdowns are relative to it. */
  readonly evaluatedAt: number;
  /** When the app re-validates online next by itself; null when it does not (offline licenses). */
  readonly nextValidationAt: number | null;
}
