import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createAuthorship, type Authorship } from './authorship.ts';
import { broadcast, relay, SERVER_WRITE, UNSTORED, type Peer } from './broadcast.ts';
import { encodeUpdate } from './protocol.ts';
import { CLOSE_CODES } from './limits.ts';
import type { Logger } from './log.ts';
import { createSerialQueue, type SerialQueue } from './serialQueue.ts';
import type { ContributionInput, Storage } from './storage.ts';
import { createSyncAnswers, type SyncAnswers } from './syncAnswers.ts';

/** A document in memory, with the peers connected to it. */
export interface LoadedDocument {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly peers: Set<Peer>;
  /** The sync handshake's messages, encoded once per version of the document (SYNC-1). */
  readonly sync: SyncAnswers;
  /** Who each client id belongs to (SPEC AUTHOR): write guards claim through it. */
  readonly authors: Authorship;
  /**
   * Judges `update` with `guard`, applies it and appends it to storage; once
   * it is durable, relays it to every peer but `origin` and resolves. Updates
   * handed in while the document's previous batch is being stored form its
   * next batch: one group commit for all of them (STORE-6). Rejects if the
   * guard refuses (nothing applied or stored) or the store fails (the
   * document is evicted, so its applied copy is never served). The
   * contribution row the guard returns is stored with the update (AUTHOR-3).
   */
  store(update: Uint8Array, origin: Peer | null, guard?: UpdateGuard): Promise<void>;
  /** Bytes of the document's stored log (what a size limit counts); refreshed at compaction. */
  readonly storedBytes: number;
  /**
   * Another instance stored `bytes` into this document (relayed, or read
   * from the store after a gap): the size limit counts them too (CLUSTER-8).
   */
  countStoredElsewhere(bytes: number): void;
  /**
   * Bytes of updates handed to `store` and not yet stored or refused: with
   * group commit (STORE-3) several wait at once, and a size limit counts them.
   */
  readonly queuedBytes: number;
  /**
   * A change the server makes itself (a process event it sequenced, a
   * decision it recorded): run in the document's store queue, in one
   * transaction with the origin {@link SERVER_WRITE}, with a client id bound
   * to the server (AUTHOR-2); the resulting update is
   * appended to storage and only then relayed to every peer. Resolves with
   * the update, or `null` when `change` changed nothing. If the store fails
   * the document is evicted (its peers closed, the next claim reloads it from
   * storage), so no one is ever served a change that is not on disk.
   */
  write(change: (doc: Y.Doc) => void): Promise<Uint8Array | null>;
  /**
   * `null` when no change (a client's batch, a server write) is applied to
   * `doc` and not yet stored; else a promise that resolves once none is
   * (then answer from the doc).
   */
  settled(): Promise<void> | null;
}

/**
 * A check run inside the document's store queue, right before the update is
 * stored: it sees the document with every earlier update applied. It throws
 * (or rejects) to refuse: nothing is stored or applied. What it returns, a
 * contribution row, is stored with the update.
 */
export type UpdateGuard = (doc: Y.Doc, update: Uint8Array) => GuardResult | Promise<GuardResult>;

type GuardResult = ContributionInput | null | undefined | void;

/** An update handed to `store`, waiting for its document's next batch. */
interface WaitingUpdate {
  readonly update: Uint8Array;
  readonly origin: Peer | null;
  readonly guard: UpdateGuard | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** A claim on a document: it stays loaded until every handle is released. */
export interface DocumentHandle {
  readonly ready: Promise<LoadedDocument>;
  release(): void;
}

export interface DocumentRegistry {
  /** Claims a document, loading it once however many claim it at once. */
  open(name: string): DocumentHandle;
  /** Resolves once every queued store has finished. */
  flush(): Promise<void>;
  /** Refuses new claims, flushes every queue and unloads everything. */
  close(): Promise<void>;
  isLoaded(name: string): boolean;
}

export interface RegistryOptions {
  readonly storage: Storage;
  readonly log: Logger;
  readonly unloadGraceMs: number;
  readonly compactAfterUpdates: number;
  readonly compactAfterBytes: number;
}

interface Entry {
  readonly name: string;
  readonly queue: SerialQueue;
  ready: Promise<LoadedDocument>;
  refs: number;
  timer: NodeJS.Timeout | null;
  updatesSinceCompact: number;
  bytesSinceCompact: number;
  storedBytes: number;
  /** The document's size as one merged update (after a compaction, what storage holds). */
  measure(): number;
  destroy(): void;
  /** Set when a server write could not be stored: the entry no longer serves anyone. */
  evicted: boolean;
}

/**
 * The document registry: loads each document once (concurrent claims share
 * one load), serialises its stores in a queue, compacts its log past a
 * threshold, and unloads it a grace period after its last handle is released,
 * never while a store is queued or running.
 *
 * @example
 * const handle = registry.open('sp1abcd/proposal/pr1abcd');
 * const document = await handle.ready;
 * await document.store(update, peer);
 * handle.release();
 */
export function createDocumentRegistry(options: RegistryOptions): DocumentRegistry {
  const { storage, log } = options;
  const entries = new Map<string, Entry>();
  let closed = false;

  function compactIfDue(entry: Omit<Entry, 'ready'>): void {
    if (
      entry.updatesSinceCompact < options.compactAfterUpdates &&
      entry.bytesSinceCompact < options.compactAfterBytes
    ) {
      return;
    }
    entry.updatesSinceCompact = 0;
    entry.bytesSinceCompact = 0;
    entry.queue
      .run(async () => {
        await storage.compact(entry.name);
        entry.storedBytes = entry.measure();
      })
      .then(() => log.debug('compacted', { room: entry.name }))
      .catch((error: unknown) => log.error('compaction failed', { room: entry.name, error }));
  }

  async function load(entry: Omit<Entry, 'ready'>): Promise<LoadedDocument> {
    const updates = await storage.load(entry.name);
    const doc = buildDoc(updates, entry.name, log);
    entry.storedBytes = updates.reduce((sum, u) => sum + u.length, 0);
    entry.measure = () => Y.encodeStateAsUpdate(doc).length;
    const awareness = new Awareness(doc);
    awareness.setLocalState(null); // the server has no presence of its own
    const peers = new Set<Peer>();
    const stopRelay = relay(doc, awareness, peers);
    const sync = createSyncAnswers(doc);
    const authors = createAuthorship(entry.name, storage);
    entry.destroy = () => {
      stopRelay();
      sync.destroy();
      awareness.destroy();
      doc.destroy();
    };
    if (updates.length > 1) {
      entry.updatesSinceCompact = updates.length;
      entry.bytesSinceCompact = updates.reduce((sum, u) => sum + u.length, 0);
      compactIfDue(entry);
    }
    log.debug('loaded', { room: entry.name, updates: updates.length });
    let queuedBytes = 0;
    /** Set while changes applied to `doc` wait for their store: joins are answered after it. */
    let unstored: Promise<void> | null = null;
    /** Updates handed to `store`, waiting for the document's next batch (STORE-6). */
    let waiting: WaitingUpdate[] = [];
    /**
     * Runs every update waiting now as one batch in the store queue: each is
     * judged by its guard with the earlier ones applied, applied (with an
     * origin the relay skips), and appended without waiting, so that all of
     * them join one group commit; then, once every append is durable, each is
     * relayed (its own bytes, encoded once) and resolved. If one fails to
     * store, the document is evicted: no one is served what is not on disk.
     */
    const runBatch = async (): Promise<void> => {
      const batch = waiting;
      waiting = [];
      // From the first apply on, until the batch is durable (or evicted), joins wait.
      let done = (): void => {};
      unstored = new Promise<void>((resolve) => (done = resolve));
      try {
        await judgeApplyStore(batch);
      } finally {
        unstored = null;
        done();
      }
    };
    const judgeApplyStore = async (batch: readonly WaitingUpdate[]): Promise<void> => {
      const accepted: { item: WaitingUpdate; stored: Promise<void> }[] = [];
      for (const item of batch) {
        if (entry.evicted) {
          settle(item, new Error('the document was evicted'));
          continue;
        }
        let row: GuardResult;
        try {
          const judged = item.guard?.(doc, item.update);
          row = judged instanceof Promise ? await judged : judged;
        } catch (error) {
          settle(item, error);
          continue;
        }
        try {
          Y.applyUpdate(doc, item.update, UNSTORED);
        } catch (error) {
          // Parsed and judged, yet Yjs refused it, maybe halfway: this copy is no longer sure.
          evict(entry, peers, error);
          settle(item, error);
          continue;
        }
        let stored: Promise<void>;
        try {
          stored = storage.append(entry.name, item.update, row ?? undefined);
        } catch (error) {
          stored = Promise.reject(error);
        }
        stored.catch(() => undefined); // awaited below, once the whole batch is appended
        accepted.push({ item, stored });
      }
      if (accepted.length === 0) return;
      const results = await Promise.allSettled(accepted.map((a) => a.stored));
      const failure = results.find((r) => r.status === 'rejected');
      if (failure) {
        if (!entry.evicted) evict(entry, peers, failure.reason);
        for (const { item } of accepted) settle(item, failure.reason);
        return;
      }
      for (const { item } of accepted) {
        entry.storedBytes += item.update.length;
        entry.updatesSinceCompact++;
        entry.bytesSinceCompact += item.update.length;
        if (peers.size > 0) broadcast(peers, encodeUpdate(item.update), item.origin);
        settle(item, null);
      }
      compactIfDue(entry);
    };
    const settle = (item: WaitingUpdate, error: unknown): void => {
      queuedBytes -= item.update.length;
      if (error === null) item.resolve();
      else item.reject(error);
    };
    const store = (update: Uint8Array, origin: Peer | null, guard?: UpdateGuard): Promise<void> => {
      if (closed) return Promise.reject(new Error('the registry is closed'));
      queuedBytes += update.length;
      return new Promise<void>((resolve, reject) => {
        // The first update of a batch queues it; later ones, until it starts, join it.
        if (waiting.length === 0) void entry.queue.run(runBatch);
        waiting.push({ update, origin, guard, resolve, reject });
      });
    };
    const write = (change: (doc: Y.Doc) => void): Promise<Uint8Array | null> => {
      if (closed) return Promise.reject(new Error('the registry is closed'));
      return entry.queue.run(async () => {
        if (entry.evicted) throw new Error('the document was evicted');
        authors.prepareServerWrite(doc);
        const clientId = doc.clientID;
        let update: Uint8Array | null = null;
        const capture = (u: Uint8Array, origin: unknown): void => {
          if (origin === SERVER_WRITE) update = update ? Y.mergeUpdates([update, u]) : u;
        };
        doc.on('update', capture);
        try {
          doc.transact(() => change(doc), SERVER_WRITE);
        } finally {
          doc.off('update', capture);
        }
        const written = update as Uint8Array | null;
        if (!written) return null;
        let done = (): void => {};
        unstored = new Promise<void>((resolve) => (done = resolve));
        try {
          const binding = authors.bindServer(clientId);
          if (binding && !(await binding)) {
            throw new Error(`client ${clientId} of a server write is bound to a member`);
          }
          await storage.append(entry.name, written);
        } catch (error) {
          evict(entry, peers, error);
          throw error;
        } finally {
          unstored = null;
          done();
        }
        entry.storedBytes += written.length;
        entry.updatesSinceCompact++;
        entry.bytesSinceCompact += written.length;
        broadcast(peers, encodeUpdate(written));
        compactIfDue(entry);
        return written;
      });
    };
    const settled = (): Promise<void> | null => {
      if (!unstored) return null;
      return (async () => {
        while (unstored) await unstored;
      })();
    };
    return {
      name: entry.name,
      doc,
      awareness,
      peers,
      sync,
      authors,
      store,
      write,
      settled,
      get storedBytes() {
        return entry.storedBytes;
      },
      countStoredElsewhere(bytes) {
        entry.storedBytes += bytes;
      },
      get queuedBytes() {
        return queuedBytes;
      },
    };
  }

  /** A server write that did not reach storage: drop the copy that holds it. */
  function evict(entry: Omit<Entry, 'ready'>, peers: Set<Peer>, error: unknown): void {
    log.error('server write failed to store; evicting the document', { room: entry.name, error });
    entry.evicted = true;
    if (entries.get(entry.name) === entry) entries.delete(entry.name);
    for (const peer of [...peers]) peer.close?.(CLOSE_CODES.internalError, 'storage failure');
  }

  async function unload(entry: Entry): Promise<void> {
    entry.timer = null;
    try {
      await entry.ready;
    } catch {
      return; // a failed load already removed its entry
    }
    // Wait for the queue to drain, re-checking for new claims each time: a
    // store still in flight, or a client that came back, keeps it loaded.
    for (;;) {
      if (entry.refs > 0 || (entries.get(entry.name) !== entry && !entry.evicted)) return;
      if (entry.queue.pending === 0) break;
      log.debug('unload waits for stores', { room: entry.name, pending: entry.queue.pending });
      await entry.queue.drained();
    }
    if (entries.get(entry.name) === entry) entries.delete(entry.name);
    entry.destroy();
    log.debug('unloaded', { room: entry.name });
  }

  function release(entry: Entry): void {
    entry.refs--;
    if (entry.refs > 0 || closed) return;
    entry.timer = setTimeout(() => void unload(entry), options.unloadGraceMs);
    entry.timer.unref();
  }

  function createEntry(name: string): Entry {
    const state: Omit<Entry, 'ready'> = {
      name,
      queue: createSerialQueue(),
      refs: 0,
      timer: null,
      updatesSinceCompact: 0,
      bytesSinceCompact: 0,
      storedBytes: 0,
      measure: () => 0,
      destroy: () => {},
      evicted: false,
    };
    const entry: Entry = Object.assign(state, { ready: load(state) });
    entry.ready.catch((error: unknown) => {
      log.error('load failed', { room: name, error });
      if (entries.get(name) === entry) entries.delete(name);
    });
    return entry;
  }

  return {
    open(name) {
      if (closed) {
        const ready = Promise.reject(new Error('the server is shutting down'));
        ready.catch(() => undefined);
        return { ready, release: () => {} };
      }
      let entry = entries.get(name);
      if (!entry) {
        entry = createEntry(name);
        entries.set(name, entry);
      }
      entry.refs++;
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      const claimed = entry;
      let released = false;
      return {
        ready: claimed.ready,
        release() {
          if (released) return;
          released = true;
          release(claimed);
        },
      };
    },
    async flush() {
      await Promise.all([...entries.values()].map((entry) => entry.queue.drained()));
    },
    async close() {
      closed = true;
      const all = [...entries.values()];
      for (const entry of all) if (entry.timer) clearTimeout(entry.timer);
      await Promise.all(
        all.map(async (entry) => {
          await entry.ready.catch(() => undefined);
          await entry.queue.drained();
        }),
      );
      for (const entry of all) entry.destroy();
      entries.clear();
    },
    isLoaded(name) {
      return entries.has(name);
    },
  };
}

/**
 * The document from its stored log, every row applied in one transaction
 * (SYNC-2: three to six times faster than merging the rows into one update
 * first, which decodes and encodes them all once more). If Yjs refuses a
 * row, fall back to applying row by row and skip the bad ones, so one bad
 * row cannot make a document unloadable.
 */
function buildDoc(updates: Uint8Array[], name: string, log: Logger): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length === 0) return doc;
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return doc;
  } catch (error) {
    log.error('stored log failed to apply; applying row by row', { room: name, error });
    doc.destroy();
  }
  const fallback = new Y.Doc();
  updates.forEach((update, index) => {
    try {
      Y.applyUpdate(fallback, update);
    } catch (error) {
      log.error('skipping a stored update that does not apply', { room: name, index, error });
    }
  });
  return fallback;
}
