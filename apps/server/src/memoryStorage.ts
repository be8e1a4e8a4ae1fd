import * as Y from 'yjs';
import type { Storage } from './storage.ts';

/**
 * A storage kept in a Map, for unit tests of the registry. Calling it again
 * with the same Map (and pending Set) simulates reopening a store after a
 * restart.
 */
export function createMemoryStorage(
  logs: Map<string, Uint8Array[]> = new Map(),
  pending: Set<string> = new Set(),
): Storage & { readonly logs: Map<string, Uint8Array[]>; readonly pending: Set<string> } {
  let closed = false;
  const check = (): void => {
    if (closed) throw new Error('storage is closed');
  };
  return {
    logs,
    pending,
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
    async markPending(room) {
      check();
      pending.add(room);
    },
    async clearPending(room) {
      check();
      pending.delete(room);
    },
    async listPending() {
      check();
      return [...pending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
    async close() {
      closed = true;
    },
  };
}
