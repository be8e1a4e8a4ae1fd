import type { DeviceKey } from './deviceKey.ts';

/** A device key as stored, and whether the server has registered it. */
export interface StoredDeviceKey {
  readonly key: DeviceKey;
  readonly registered: boolean;
}

/** Where device keys are kept: IndexedDB in the browser, memory elsewhere. */
export interface KeyStore {
  get(slot: string): Promise<StoredDeviceKey | null>;
  /** Stores the value unless the slot holds one; answers what the slot holds then. */
  putIfAbsent(slot: string, value: StoredDeviceKey): Promise<StoredDeviceKey>;
  put(slot: string, value: StoredDeviceKey): Promise<void>;
}

const DB_NAME = 'ronde-device-keys';
const STORE = 'keys';

/** A store in memory (tests, or a browser without IndexedDB: keys last one page load). */
export function memoryKeyStore(): KeyStore {
  const slots = new Map<string, StoredDeviceKey>();
  return {
    get: async (slot) => slots.get(slot) ?? null,
    async putIfAbsent(slot, value) {
      const existing = slots.get(slot);
      if (existing) return existing;
      slots.set(slot, value);
      return value;
    },
    async put(slot, value) {
      slots.set(slot, value);
    },
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * A store in IndexedDB. CryptoKey objects are structured-cloneable, so the
 * pair is stored as is and its private half stays non-extractable.
 */
export function indexedDbKeyStore(factory: IDBFactory = indexedDB): KeyStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = (): Promise<IDBDatabase> => {
    if (!opened) {
      const req = factory.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      opened = request(req);
      opened.catch(() => (opened = null));
    }
    return opened;
  };
  const tx = async (mode: IDBTransactionMode) =>
    (await db()).transaction(STORE, mode).objectStore(STORE);
  return {
    async get(slot) {
      const value = (await request((await tx('readonly')).get(slot))) as
        StoredDeviceKey | undefined;
      return value ?? null;
    },
    async putIfAbsent(slot, value) {
      // One readwrite transaction: a second tab's put waits for this one.
      const store = await tx('readwrite');
      const existing = (await request(store.get(slot))) as StoredDeviceKey | undefined;
      if (existing) return existing;
      await request(store.put(value, slot));
      return value;
    },
    async put(slot, value) {
      await request((await tx('readwrite')).put(value, slot));
    },
  };
}

/** IndexedDB where there is one, memory otherwise. */
export function defaultKeyStore(): KeyStore {
  return typeof indexedDB === 'undefined' ? memoryKeyStore() : indexedDbKeyStore();
}
