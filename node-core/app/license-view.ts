import type { LicenseView } from '../../shared/ipc/contract.ts';
import { toServerInfo } from '../license/server-info.ts';
import type { LicenseSnapshot } from '../license/snapshot.ts';

/* The core's snapshot in the shape the IPC contract promises the renderer (no paths, no keys). */

const KEY_BACKENDS: Readonly<Record<string, string>> = {
  key_file: 'Encrypted; key in a private file beside it',
  basic_text: 'Encrypted; key obfuscated (no keyring found)',
  gnome_libsecret: 'Encrypted; key in the GNOME keyring',
  kwallet: 'Encrypted; key in KWallet',
  kwallet5: 'Encrypted; key in KWallet',
  kwallet6: 'Encrypted; key in KWallet',
  keychain: 'Encrypted; key in the macOS Keychain',
  dpapi: 'Encrypted; key protected by Windows (DPAPI)',
};

/** How the store's data key is protected, in words (also what a replayed bundle's backend shows). */
export function describeKeyBackend(backend: string): string {
  return KEY_BACKENDS[backend] ?? `Encrypted; key protected by ${backend}`;
}

export function toLicenseView(snapshot: LicenseSnapshot): LicenseView {
  return {
    status: snapshot.status,
    instanceId: snapshot.instanceId,
    server: toServerInfo(snapshot),
    licenseKey: snapshot.activation?.licenseKey ?? null,
    licensee: snapshot.serverLicense?.licensee ?? null,
    storeBackend: describeKeyBackend(snapshot.machine.keyBackend),
    storeBackendWeak: snapshot.machine.keyBackendWeak,
    weakFingerprint: snapshot.machine.weak,
    evaluatedAt: snapshot.now,
    nextValidationAt: snapshot.nextValidationAt,
  };
}
