import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toBase64Url, type PublicKeySet, type PublicSigningKey } from '../../shared/license/signing.ts';
import { SetupError } from '../setup-error.ts';
import { RESTORE_ADVICE, writePrivateFile, type DataDirLayout } from '../data-dir.ts';
import type { SigningKeyRecord, Storage, StorageOperations } from '../storage/storage.ts';

/*
 * The vendor's Ed25519 signing keys. Private keys are PKCS8 PEM files (0600) in the data dir; the
 * database lists their ids and public halves. Rotation: the newest key signs, every key is
 * published, so certificates signed by an older key keep verifying until the vendor drops it from
 * the product config. Which key signs is the setting `signing_key_id` (absent: the newest): a new
 * key is published at once but signs only after the vendor shipped apps that trust it and ran
 * `authority sign-with`. Every running process follows the database (signing-key-ring.ts).
 */

/** The setting naming the key that signs; absent in data dirs that never chose one (the newest signs). */
export const SIGNING_KEY_SETTING = 'signing_key_id';

export const MAX_KEY_ID = 63;

export interface SigningKeys {
  /** The key new certificates are signed with. */
  readonly current: { readonly id: number; readonly privateKey: KeyObject };
  readonly published: readonly PublicSigningKey[];
}

/** Adds a fresh key with the next free id and returns its public half. */
export async function createSigningKey(layout: DataDirLayout, storage: Storage, at: number): Promise<SigningKeyRecord> {
  const existing = await storage.listSigningKeys();
  const id = existing.length === 0 ? 0 : Math.max(...existing.map((key) => key.id)) + 1;
  if (id > MAX_KEY_ID) throw new SetupError(`all ${MAX_KEY_ID + 1} signing key ids are used`);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writePrivateFile(keyPath(layout, id), privateKey.export({ format: 'pem', type: 'pkcs8' }));
  const record = { id, publicKey: rawPublicKey(publicKey), createdAt: at };
  await storage.addSigningKey(record);
  return record;
}

export async function loadSigningKeys(layout: DataDirLayout, storage: StorageOperations): Promise<SigningKeys> {
  return signingKeysFrom(layout, await signingKeyState(storage));
}

/** What the database says about the keys: the list, and which one signs. */
export interface SigningKeyState {
  readonly records: readonly SigningKeyRecord[];
  readonly signingId: number | undefined;
}

export async function signingKeyState(storage: StorageOperations): Promise<SigningKeyState> {
  const chosen = await storage.getSetting(SIGNING_KEY_SETTING);
  return { records: await storage.listSigningKeys(), signingId: chosen === undefined ? undefined : Number(chosen) };
}

/** The keys the state names: the chosen (else the newest) signs and its file is read; all are published. */
export function signingKeysFrom(layout: DataDirLayout, { records, signingId }: SigningKeyState): SigningKeys {
  const newest = records.find((record) => record.id === signingId) ?? records[records.length - 1];
  if (!newest) throw new SetupError(`the database in ${layout.root} lists no signing key: it is not a complete authority database; ${RESTORE_ADVICE}`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(keyPath(layout, newest.id), 'utf8'));
  } catch (error) {
    throw new SetupError(`cannot read signing key ${keyPath(layout, newest.id)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${RESTORE_ADVICE}`);
  }
  return { current: { id: newest.id, privateKey }, published: records.map(({ id, publicKey }) => ({ id, publicKey })) };
}

/**
 * What is wrong with the key files, one sentence each: every key the database lists must have its
 * file, and the file must be the private half of the public key the database (and so every
 * installed app) trusts.
 */
export async function signingKeyProblems(layout: DataDirLayout, storage: Storage): Promise<string[]> {
  const records = await storage.listSigningKeys();
  if (records.length === 0) return ['the database lists no signing key'];
  return records.flatMap((record) => {
    const path = keyPath(layout, record.id);
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey(readFileSync(path, 'utf8'));
    } catch (error) {
      return [`signing key ${record.id}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`];
    }
    if (rawPublicKey(createPublicKey(privateKey)) !== record.publicKey) {
      return [`signing key ${record.id}: ${path} is not the key the database publishes (a file from another data dir?)`];
    }
    return [];
  });
}

export function publicKeySet(productId: string, keys: SigningKeys): PublicKeySet {
  return { productId, keys: keys.published };
}

function rawPublicKey(publicKey: KeyObject): string {
  return toBase64Url(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)));
}

function keyPath(layout: DataDirLayout, id: number): string {
  return join(layout.signingKeys, `${id}.pem`);
}
