import { KEY_ID_LENGTH } from '@ronde/domain';
import { toBase64Url } from './base64url.ts';
import { defaultKeyStore, type KeyStore, type StoredDeviceKey } from './keyStore.ts';

/**
 * This device's signing key for one member of one space (docs/legitimacy.md
 * §2): an Ed25519 pair whose private half never leaves WebCrypto, the raw
 * public key as base64url (what the server registers) and its key id.
 */
export interface DeviceKey {
  readonly keyPair: CryptoKeyPair;
  /** base64url of the raw 32-byte public key. */
  readonly publicKey: string;
  /** The first 22 characters of base64url(SHA-256(raw public key)). */
  readonly keyId: string;
}

/**
 * The key id of a raw public key: the first {@link KEY_ID_LENGTH} characters
 * of base64url(SHA-256(raw)).
 *
 * @example
 * await keyIdOf(raw); // 'q3V0bD2…' (22 characters)
 */
export async function keyIdOf(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
  return toBase64Url(digest).slice(0, KEY_ID_LENGTH);
}

/** Generates a new pair, the private key not extractable. */
export async function generateDeviceKey(): Promise<DeviceKey> {
  const keyPair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  return { keyPair, publicKey: toBase64Url(raw), keyId: await keyIdOf(raw) };
}

/**
 * Signs bytes with a device key; the signature as base64url (86 characters).
 *
 * @example
 * const sig = await signBytes(key, eventSigningPayload(room, key.keyId, event));
 */
export async function signBytes(key: DeviceKey, bytes: Uint8Array): Promise<string> {
  const signature = await crypto.subtle.sign(
    'Ed25519',
    key.keyPair.privateKey,
    new Uint8Array(bytes),
  );
  return toBase64Url(new Uint8Array(signature));
}

let store: KeyStore = defaultKeyStore();
const loading = new Map<string, Promise<StoredDeviceKey>>();

/** Replaces where keys are kept (tests). */
export function configureKeyStore(next: KeyStore): void {
  store = next;
  loading.clear();
}

/** The store key of a member's device key in a space. */
export function deviceKeySlot(spaceId: string, userId: string): string {
  return `${spaceId}/${userId}`;
}

/**
 * This device's key for a member of a space: the stored one, or a new one
 * generated and stored on first use. One key per space and member (a device
 * signed in as someone else in the same space gets another key: the server
 * binds a key to one member). Concurrent calls share one load.
 *
 * @example
 * const { key } = await deviceKeyFor(spaceId, me.id);
 */
export function deviceKeyFor(spaceId: string, userId: string): Promise<StoredDeviceKey> {
  const slot = deviceKeySlot(spaceId, userId);
  let pending = loading.get(slot);
  if (!pending) {
    pending = (async () => {
      const stored = await store.get(slot);
      if (stored) return stored;
      const created: StoredDeviceKey = { key: await generateDeviceKey(), registered: false };
      // Two tabs may race: the first stored key wins, so both sign with it.
      return store.putIfAbsent(slot, created);
    })();
    loading.set(slot, pending);
    pending.catch(() => loading.delete(slot));
  }
  return pending;
}

/** Remembers whether the server holds this slot's key (so it is registered once). */
export async function markRegistered(
  spaceId: string,
  userId: string,
  registered: boolean,
): Promise<void> {
  const slot = deviceKeySlot(spaceId, userId);
  const current = await deviceKeyFor(spaceId, userId);
  if (current.registered === registered) return;
  const next: StoredDeviceKey = { ...current, registered };
  loading.set(slot, Promise.resolve(next));
  await store.put(slot, next);
}
