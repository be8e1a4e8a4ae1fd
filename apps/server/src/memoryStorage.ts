import * as Y from 'yjs';
import type { Storage } from './storage.ts';

/**
 * A storage kept in a Map, for unit tests of the registry. `open()` on the
 * same Map simulates reopening a store after a restart.
 */
export function createMemoryStorage(
  logs: Map<string, Uint8Array[]> = new Map(),
): Storage & { readonly logs: Map<string, Uint8Array[]> } {
  let closed = false;
  const check = (): void => {
    if (closed) throw new Error('storage is closed');
  };
  return {
    logs,
    async append(docName, update) {
      check();
      const log = logs.get(docName) ?? [];
      log.push(update.slice());
      logs.set(docName, log);
    },
    async load(docName) {
      check();
      return (logs.get(docName) ?? []).map((update) => update.slice());
    },
    async compact(docName) {
      check();
      const log = logs.get(docName);
      if (log && log.length > 1) logs.set(docName, [Y.mergeUpdates(log)]);
    },
    async close() {
      closed = true;
    },
  };
}
