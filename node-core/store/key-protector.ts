/*
 * Who guards the store's data key. Inside Electron that is safeStorage (the OS keychain, DPAPI,
 * libsecret or kwallet); the Electron glue wraps it with `safeStorageKeyProtector`, structurally,
 * so this folder never imports electron. Under plain Node the key sits raw in a 0600 file next to
 * the store ('key_file'). Weak backends are reported, not hidden: with 'key_file' or Linux
 * 'basic_text' anyone who can read the user's files can read the key, so the encryption then
 * detects damage and casual edits but does not keep a determined local user out.
 */

export interface KeyProtector {
  /** 'key_file', 'basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'keychain', 'dpapi', … */
  readonly backend: string;
  /** True when the key is as readable as the store itself. */
  readonly weak: boolean;
  protect(key: Uint8Array): Uint8Array;
  /** Throws when the blob cannot be unwrapped (another user, another keyring, damage). */
  unprotect(blob: Uint8Array): Uint8Array;
}

/** The part of Electron's `safeStorage` the protector uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

const WEAK_BACKENDS = new Set(['key_file', 'basic_text', 'unknown']);

/** The plain-Node protector: the key file itself is the protection (mode 0600). */
export function keyFileProtector(): KeyProtector {
  return {
    backend: 'key_file',
    weak: true,
    protect: (key) => Uint8Array.from(key),
    unprotect: (blob) => Uint8Array.from(blob),
  };
}

/**
 * safeStorage as a protector, or null when it cannot encrypt here (then use the key file).
 *
 * @example
 * const protector = safeStorageKeyProtector(safeStorage) ?? keyFileProtector();
 */
export function safeStorageKeyProtector(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyProtector | null {
  if (!safe.isEncryptionAvailable()) return null;
  const backend =
    platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : (safe.getSelectedStorageBackend?.() ?? 'unknown');
  return {
    backend,
    weak: WEAK_BACKENDS.has(backend),
    protect: (key) => safe.encryptString(Buffer.from(key).toString('base64')),
    unprotect: (blob) => new Uint8Array(Buffer.from(safe.decryptString(Buffer.from(blob)), 'base64')),
  };
}
