import { redactLicenseKey } from '../../shared/format/license-key.ts';
import type { LicenseEvaluation } from '../../shared/license/evaluate.ts';
import type { FingerprintComponent } from '../../shared/license/fingerprint.ts';
import { isLeasedMode, type LicenseMode } from '../../shared/license/certificate.ts';
import type { LicenseStore } from '../store/license-store.ts';
import type { LicenseStateData, ServerLicenseInfo } from '../store/license-state.ts';
import type { CurrentMachine } from './current-machine.ts';

/*
 * What the UI and the IPC layer get: the evaluated status plus the facts a status view and a
 * support bundle show. Serialisable, and free of secrets (the key is redacted; raw identifiers
 * never get here, only which components were readable).
 */

export interface LicenseSnapshot {
  readonly status: LicenseEvaluation;
  readonly instanceId: string;
  /** The clock the status was evaluated at (with any test offset). */
  readonly now: number;
  readonly machine: {
    readonly weak: boolean;
    readonly available: readonly FingerprintComponent[];
    /** Who protects the store's data key, and whether that is weak (key_file, basic_text). */
    readonly keyBackend: string;
    readonly keyBackendWeak: boolean;
  };
  readonly activation: {
    readonly mode: LicenseMode;
    readonly activatedAt: number;
    /** e.g. "KH-AAAAA-…-EEEEE"; null after an offline activation. */
    readonly licenseKey: string | null;
  } | null;
  readonly lastValidation: LicenseStateData['lastValidation'];
  readonly serverLicense: ServerLicenseInfo | null;
  /** Online mode: when the next scheduled re-validation is due. */
  readonly nextValidationAt: number | null;
}

export function buildSnapshot(status: LicenseEvaluation, machine: CurrentMachine, store: LicenseStore, now: number, revalidateEveryHours: number): LicenseSnapshot {
  const state = store.state;
  const activation = state.activation;
  const online = isLeasedMode(status.certificate?.mode);
  const lastAt = state.lastValidation?.at ?? activation?.activatedAt ?? null;
  return {
    status,
    instanceId: machine.instanceId,
    now,
    machine: {
      weak: machine.fingerprint.weak,
      available: machine.fingerprint.available,
      keyBackend: store.keyProtection.backend,
      keyBackendWeak: store.keyProtection.weak,
    },
    activation: activation && {
      mode: activation.mode,
      activatedAt: activation.activatedAt,
      licenseKey: activation.licenseKey && redactLicenseKey(activation.licenseKey),
    },
    lastValidation: state.lastValidation,
    serverLicense: state.serverLicense,
    nextValidationAt: online && lastAt !== null ? lastAt + revalidateEveryHours * 3_600_000 : null,
  };
}
