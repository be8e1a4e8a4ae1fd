import { listDeviceKeys, type DeviceKeyInfo } from '../api/trust.ts';
import { fromBase64Url } from '../identity/base64url.ts';
import { freshToken } from './sessionKeeper.ts';

/** A registered device key, ready to verify with. */
export interface KnownKey {
  readonly userId: string;
  readonly key: CryptoKey;
}

/**
 * The device keys of one space, as the server lists them (GET devices). A
 * lookup of a key id not known yet fetches the list again, once the entry
 * that names it was seen: the server registers a key before it accepts an
 * event signed with it, so a list fetched after seeing the event holds it.
 * Concurrent lookups share one fetch.
 */
export interface KeyDirectory {
  /**
   * The key, null when the server does not know it; rejects when the server
   * cannot be reached. `seenAt` is {@link KeyDirectory.fetchesStarted} when
   * the entry naming the key was read (default: now): a fetch started after
   * that one is enough.
   */
  lookup(keyId: string, seenAt?: number): Promise<KnownKey | null>;
  /** How many fetches of the list have started so far. */
  fetchesStarted(): number;
}

type FetchKeys = (spaceId: string) => Promise<DeviceKeyInfo[]>;

const defaultFetch: FetchKeys = async (spaceId) => {
  const token = await freshToken(spaceId);
  if (token === null) throw new Error('no session for this space');
  return listDeviceKeys(spaceId, token);
};

let fetchKeys: FetchKeys = defaultFetch;
const directories = new Map<string, KeyDirectory>();

/** Replaces how the key list is fetched, and forgets every directory (tests). */
export function configureKeyDirectory(next: FetchKeys | null): void {
  fetchKeys = next ?? defaultFetch;
  directories.clear();
}

/**
 * The key directory of a space, one per space and page load.
 *
 * @example
 * const known = await keyDirectory(spaceId).lookup(kid);
 */
export function keyDirectory(spaceId: string): KeyDirectory {
  let directory = directories.get(spaceId);
  if (!directory) {
    directory = createKeyDirectory(spaceId, fetchKeys);
    directories.set(spaceId, directory);
  }
  return directory;
}

const STORAGE_PREFIX = 'ronde.deviceKeys.';

function storedKeys(spaceId: string): DeviceKeyInfo[] {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_PREFIX + spaceId);
    const parsed: unknown = text ? JSON.parse(text) : [];
    return Array.isArray(parsed) ? (parsed as DeviceKeyInfo[]) : [];
  } catch {
    return [];
  }
}

function storeKeys(spaceId: string, keys: readonly DeviceKeyInfo[]): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_PREFIX + spaceId, JSON.stringify(keys));
  } catch {
    // A full or disabled storage only costs a fetch on the next load.
  }
}

function createKeyDirectory(spaceId: string, fetchList: FetchKeys): KeyDirectory {
  // Public keys are kept between loads, so a device offline can still check
  // the entries signed with keys it saw before.
  const infos = new Map<string, DeviceKeyInfo>();
  const imported = new Map<string, Promise<KnownKey | null>>();
  let started = 0;
  let latest: { index: number; done: Promise<void> } | null = null;

  const learn = (keys: readonly DeviceKeyInfo[]): void => {
    for (const k of keys) if (typeof k?.keyId === 'string') infos.set(k.keyId, k);
  };
  learn(storedKeys(spaceId));

  const refreshAfter = (seen: number): Promise<void> => {
    if (latest !== null && latest.index > seen) return latest.done;
    const previous = latest?.done.catch(() => {}) ?? Promise.resolve();
    const index = ++started;
    const done = previous.then(async () => {
      const keys = await fetchList(spaceId);
      learn(keys);
      storeKeys(spaceId, [...infos.values()]);
    });
    latest = { index, done };
    // A failed fetch is not reused: the next lookup starts another.
    done.catch(() => {
      if (latest?.index === index) latest = null;
    });
    return done;
  };

  const importKey = (info: DeviceKeyInfo): Promise<KnownKey | null> => {
    let found = imported.get(info.keyId);
    if (!found) {
      const raw = fromBase64Url(info.publicKey);
      found =
        raw === null
          ? Promise.resolve(null)
          : crypto.subtle
              .importKey('raw', raw, { name: 'Ed25519' }, false, ['verify'])
              .then((key) => ({ userId: info.userId, key }))
              .catch(() => null);
      imported.set(info.keyId, found);
    }
    return found;
  };

  return {
    fetchesStarted: () => started,
    async lookup(keyId, seen = started) {
      let info = infos.get(keyId);
      if (!info) {
        await refreshAfter(seen);
        info = infos.get(keyId);
      }
      return info ? importKey(info) : null;
    },
  };
}
