import * as Y from 'yjs';
import type { ClientBinding, Contribution, Storage, StoredVersion } from './storage.ts';

/** Each log's last sequence number, kept with its Map so that a reopened store continues it. */
const lastSeqs = new WeakMap<Map<string, Uint8Array[]>, Map<string, number>>();
/** Client bindings (doc → client → member) and contribution rows, kept with the Map likewise. */
const bindingsOf = new WeakMap<Map<string, Uint8Array[]>, Map<string, Map<number, string>>>();
const contributionsOf = new WeakMap<Map<string, Uint8Array[]>, Contribution[]>();
/** Versions per document (VERS-1), kept with the Map likewise. */
const versionsOf = new WeakMap<Map<string, Uint8Array[]>, Map<string, StoredVersion[]>>();

/**
 * A storage kept in a Map, for unit tests of the registry. Calling it again
 * with the same Map (and pending Set) simulates reopening a store after a
 * restart.
 */
export function createMemoryStorage(
  logs: Map<string, Uint8Array[]> = new Map(),
  pending: Set<string> = new Set(),
): Storage & { readonly logs: Map<string, Uint8Array[]>; readonly pending: Set<string> } {
  const seqs = lastSeqs.get(logs) ?? new Map<string, number>();
  lastSeqs.set(logs, seqs);
  const bindings = bindingsOf.get(logs) ?? new Map<string, Map<number, string>>();
  bindingsOf.set(logs, bindings);
  const contributions = contributionsOf.get(logs) ?? [];
  contributionsOf.set(logs, contributions);
  const versions = versionsOf.get(logs) ?? new Map<string, StoredVersion[]>();
  versionsOf.set(logs, versions);
  // The rows of a log are numbered up to its last number: compaction keeps the last one.
  const lastSeq = (docName: string): number => seqs.get(docName) ?? logs.get(docName)?.length ?? 0;
  const documentsUnder = (prefix: string): string[] =>
    [...new Set([...logs.keys(), ...versions.keys()])]
      .filter((name) => name.startsWith(prefix) && (logs.get(name)?.length ?? 1) > 0)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let closed = false;
  const check = (): void => {
    if (closed) throw new Error('storage is closed');
  };
  return {
    logs,
    pending,
    async append(docName, update, contribution) {
      check();
      const log = logs.get(docName) ?? [];
      seqs.set(docName, lastSeq(docName) + 1);
      log.push(update.slice());
      logs.set(docName, log);
      if (contribution) {
        contributions.push({
          ...contribution,
          clientIds: [...contribution.clientIds],
          paths: [...contribution.paths],
          doc: docName,
        });
      }
    },
    async listDocuments(prefix) {
      check();
      return documentsUnder(prefix);
    },
    async restoreDocuments(prefix, documents) {
      check();
      if (documentsUnder(prefix).length > 0) return false;
      for (const d of documents) {
        logs.set(d.name, [d.state.slice()]);
        seqs.set(d.name, 1);
        bindings.set(d.name, new Map(d.bindings.map((b) => [b.clientId, b.member])));
        for (const row of d.contributions) {
          contributions.push({
            ...row,
            clientIds: [...row.clientIds],
            paths: [...row.paths],
            doc: d.name,
          });
        }
        if (d.versions.length > 0)
          versions.set(
            d.name,
            d.versions.map((v) => ({ ...v })),
          );
      }
      return true;
    },
    async bindClients(docName, member, clientIds) {
      check();
      let bound = bindings.get(docName);
      if (!bound) bindings.set(docName, (bound = new Map()));
      const conflicts: ClientBinding[] = [];
      for (const clientId of new Set(clientIds)) {
        const owner = bound.get(clientId);
        if (owner === undefined) bound.set(clientId, member);
        else if (owner !== member) conflicts.push({ clientId, member: owner });
      }
      return conflicts.sort((a, b) => a.clientId - b.clientId);
    },
    async listBindings(docName) {
      check();
      return [...(bindings.get(docName) ?? new Map<number, string>())]
        .map(([clientId, member]) => ({ clientId, member }))
        .sort((a, b) => a.clientId - b.clientId);
    },
    async listContributions(docName, options = {}) {
      check();
      const since = options.since ?? -Infinity;
      return contributions
        .filter((row) => row.doc === docName && row.at >= since)
        .map((row, order) => ({ row, order }))
        .sort((a, b) => a.row.at - b.row.at || a.order - b.order)
        .map(({ row }) => ({ ...row, clientIds: [...row.clientIds], paths: [...row.paths] }));
    },
    async loadSince(docName, seq) {
      check();
      const log = logs.get(docName) ?? [];
      const first = lastSeq(docName) - log.length + 1;
      return log
        .map((update, i) => ({ seq: first + i, update: update.slice() }))
        .filter((entry) => entry.seq > seq);
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
    async deleteDocuments(prefix) {
      check();
      for (const name of [...logs.keys()]) if (name.startsWith(prefix)) logs.delete(name);
      for (const room of [...pending]) if (room.startsWith(prefix)) pending.delete(room);
      for (const name of [...versions.keys()]) if (name.startsWith(prefix)) versions.delete(name);
      for (const name of [...bindings.keys()]) if (name.startsWith(prefix)) bindings.delete(name);
      const kept = contributions.filter((row) => !row.doc.startsWith(prefix));
      contributions.splice(0, contributions.length, ...kept);
    },
    async addVersion(docName, version) {
      check();
      const list = versions.get(docName) ?? [];
      if (list.some((v) => v.id === version.id)) return false;
      list.push({ ...version, state: version.state.slice() });
      // Stable: equal times keep their storing order.
      list.sort((a, b) => a.at - b.at);
      versions.set(docName, list);
      return true;
    },
    async listVersions(docName) {
      check();
      return (versions.get(docName) ?? []).map(({ state, ...meta }) => ({
        ...meta,
        bytes: state.byteLength,
      }));
    },
    async loadVersion(docName, id) {
      check();
      const found = versions.get(docName)?.find((v) => v.id === id);
      return found ? { ...found, state: found.state.slice() } : null;
    },
    async close() {
      closed = true;
    },
  };
}
