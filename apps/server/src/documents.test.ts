import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { gate, waitFor } from '../test/helpers.ts';
import type { Peer } from './broadcast.ts';
import {
  createDocumentRegistry,
  type DocumentRegistry,
  type RegistryOptions,
} from './documents.ts';
import { memoryLogger } from './log.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import type { Storage } from './storage.ts';

const ROOM = 'sp1abcd/proposal/pr1abcd';

function textUpdate(text: string, doc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function recorder(): Peer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { received, send: (message) => received.push(message) };
}

describe('documents', () => {
  let registry: DocumentRegistry | null = null;
  const log = memoryLogger('silent');
  afterEach(async () => {
    await registry?.close();
    registry = null;
  });

  function start(storage: Storage, options: Partial<RegistryOptions> = {}): DocumentRegistry {
    registry = createDocumentRegistry({
      storage,
      log,
      unloadGraceMs: 0,
      compactAfterUpdates: 1000,
      compactAfterBytes: 1 << 30,
      ...options,
    });
    return registry;
  }

  it('SYNC-1 clients joining with nothing get the same full-state bytes until a store or a server write', async () => {
    const storage = createMemoryStorage();
    await storage.append(ROOM, textUpdate('stored'));
    const docs = start(storage);
    const handle = docs.open(ROOM);
    const loaded = await handle.ready;
    const empty = new Uint8Array([0]);
    const first = loaded.sync.step2(empty);
    expect(loaded.sync.step2(empty)).toBe(first);
    await loaded.store(textUpdate(' more'), null);
    const afterStore = loaded.sync.step2(empty);
    expect(afterStore).not.toBe(first);
    expect(afterStore.length).toBeGreaterThan(first.length);
    await loaded.write((doc) => doc.getMap('m').set('k', 'v'));
    expect(loaded.sync.step2(empty)).not.toBe(afterStore);
    handle.release();
  });

  it('loads a document once for concurrent claims', async () => {
    const storage = createMemoryStorage();
    await storage.append(ROOM, textUpdate('stored'));
    let loads = 0;
    const held = gate();
    const counting: Storage = {
      ...storage,
      load: async (name) => {
        loads++;
        await held.promise;
        return storage.load(name);
      },
    };
    const docs = start(counting);
    const a = docs.open(ROOM);
    const b = docs.open(ROOM);
    held.open();
    const [docA, docB] = await Promise.all([a.ready, b.ready]);
    expect(loads).toBe(1);
    expect(docA).toBe(docB);
    expect(docA.doc.getText('t').toString()).toBe('stored');
  });

  it('STORE-1 relays an update only once it is stored, never to its sender; a join waits for it', async () => {
    const storage = createMemoryStorage();
    const held = gate();
    const slow: Storage = {
      ...storage,
      append: async (name, update) => {
        await held.promise;
        await storage.append(name, update);
      },
    };
    const document = await start(slow).open(ROOM).ready;
    const [sender, other] = [recorder(), recorder()];
    document.peers.add(sender).add(other);
    const stored = document.store(textUpdate('hello'), sender);
    await waitFor(() => document.settled() !== null, 'the batch started');
    let answeredAfter: number | null = null;
    const join = document.settled()?.then(() => (answeredAfter = other.received.length));
    await Promise.resolve();
    expect(other.received).toHaveLength(0);
    expect(answeredAfter).toBeNull();
    held.open();
    await stored;
    await join;
    expect(storage.logs.get(ROOM)).toHaveLength(1);
    expect(document.doc.getText('t').toString()).toBe('hello');
    expect(other.received).toHaveLength(1);
    expect(sender.received).toHaveLength(0);
    expect(answeredAfter).toBe(1); // a join is answered once the update is stored and relayed
    expect(document.settled()).toBeNull();
  });

  it('STORE-6 a store that fails evicts the document: nothing relayed, peers closed 1011, reloaded without it', async () => {
    const storage = createMemoryStorage();
    await storage.append(ROOM, textUpdate('kept'));
    let failing = true;
    const flaky: Storage = {
      ...storage,
      append: async (name, update) => {
        if (failing) {
          throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        }
        await storage.append(name, update);
      },
    };
    const docs = start(flaky);
    const handle = docs.open(ROOM);
    const document = await handle.ready;
    const closes: number[] = [];
    const other = { ...recorder(), close: (code: number) => closes.push(code) };
    document.peers.add(other);
    await expect(document.store(textUpdate('lost'), null)).rejects.toMatchObject({
      code: 'SQLITE_FULL',
    });
    expect(other.received).toHaveLength(0);
    expect(closes).toEqual([1011]);
    expect(docs.isLoaded(ROOM)).toBe(false);
    failing = false;
    const reloaded = await docs.open(ROOM).ready;
    expect(reloaded.doc.getText('t').toString()).toBe('kept');
    handle.release();
  });

  it('STORE-6 updates handed in while a batch is stored form the next one: appended together, relayed in order', async () => {
    const storage = createMemoryStorage();
    let held = gate();
    let inFlight = 0;
    const rounds: number[] = [];
    const slow: Storage = {
      ...storage,
      append: async (name, update) => {
        inFlight++;
        rounds.push(inFlight);
        await held.promise;
        inFlight--;
        await storage.append(name, update);
      },
    };
    const document = await start(slow).open(ROOM).ready;
    const [writer, other] = [recorder(), recorder()];
    document.peers.add(writer).add(other);
    const client = new Y.Doc();
    const first = document.store(textUpdate('a', client), writer);
    await waitFor(() => rounds.length === 1, 'the first append');
    const seen: string[] = [];
    const guard = (doc: Y.Doc): void => void seen.push(doc.getText('t').toString());
    const rest = ['b', 'c', 'd'].map((text) =>
      document.store(textUpdate(text, client), writer, guard),
    );
    await Promise.resolve();
    expect(rounds).toEqual([1]); // the next batch waits for the first one's store
    const firstRound = held;
    held = gate();
    firstRound.open();
    await first;
    await waitFor(() => rounds.length === 4, 'the second batch appended');
    // All three were appended before any of them was stored: one group commit can hold them.
    expect(rounds).toEqual([1, 1, 2, 3]);
    expect(seen).toEqual(['a', 'ab', 'abc']);
    expect(other.received).toHaveLength(1);
    held.open();
    await Promise.all(rest);
    expect(storage.logs.get(ROOM)).toHaveLength(4);
    const relayed = new Y.Doc();
    for (const message of other.received) Y.applyUpdate(relayed, message.subarray(3));
    expect(relayed.getText('t').toString()).toBe('abcd');
    expect(other.received).toHaveLength(4);
    expect(writer.received).toHaveLength(0);
  });

  it('unloads a released document after the grace period, and reloads it from storage', async () => {
    const storage = createMemoryStorage();
    const docs = start(storage, { unloadGraceMs: 20 });
    const handle = docs.open(ROOM);
    await (await handle.ready).store(textUpdate('kept'), null);
    handle.release();
    handle.release(); // idempotent
    expect(docs.isLoaded(ROOM)).toBe(true);
    await waitFor(() => !docs.isLoaded(ROOM), 'unload');
    const again = await docs.open(ROOM).ready;
    expect(again.doc.getText('t').toString()).toBe('kept');
  });

  it('keeps a document that is claimed again during the grace period', async () => {
    // Fake timers: the grace period surely elapses (a real 60 ms wait on a
    // loaded machine might not reach the timer, and the test would pass by luck).
    vi.useFakeTimers();
    try {
      const docs = start(createMemoryStorage(), { unloadGraceMs: 30 });
      const first = docs.open(ROOM);
      const document = await first.ready;
      first.release();
      const second = docs.open(ROOM);
      expect(await second.ready).toBe(document);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(docs.isLoaded(ROOM)).toBe(true);
      // Control: released for good, the same timers do unload it.
      second.release();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(docs.isLoaded(ROOM)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never unloads while a store is in flight, and keeps a client that returns meanwhile', async () => {
    // Fake timers: the unload timer surely fires while the store is held (a real
    // short wait on a loaded machine might not reach it, and the test would pass by luck).
    vi.useFakeTimers();
    try {
      const storage = createMemoryStorage();
      const held = gate();
      let appending = false;
      const slow: Storage = {
        ...storage,
        append: async (name, update) => {
          appending = true;
          await held.promise;
          await storage.append(name, update);
        },
      };
      const docs = start(slow, { unloadGraceMs: 0 });
      const handle = docs.open(ROOM);
      const document = await handle.ready;
      const stored = document.store(textUpdate('in flight'), null);
      handle.release();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(appending).toBe(true);
      expect(docs.isLoaded(ROOM)).toBe(true);
      const returning = docs.open(ROOM);
      held.open();
      await stored;
      expect(await returning.ready).toBe(document);
      expect(document.doc.getText('t').toString()).toBe('in flight');
      returning.release();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(docs.isLoaded(ROOM)).toBe(false);
      expect(storage.logs.get(ROOM)).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('compacts the log past the update threshold', async () => {
    const storage = createMemoryStorage();
    const docs = start(storage, { compactAfterUpdates: 5 });
    const document = await docs.open(ROOM).ready;
    const source = new Y.Doc();
    for (let i = 0; i < 12; i++) await document.store(textUpdate(String(i % 10), source), null);
    await docs.flush();
    expect(storage.logs.get(ROOM)?.length).toBeLessThan(5);
    const check = new Y.Doc();
    for (const update of storage.logs.get(ROOM) ?? []) Y.applyUpdate(check, update);
    expect(check.getText('t').toString()).toBe('012345678901');
  });

  it('compacts a long log at load', async () => {
    const storage = createMemoryStorage();
    const source = new Y.Doc();
    for (let i = 0; i < 6; i++) await storage.append(ROOM, textUpdate('x', source));
    const docs = start(storage, { compactAfterUpdates: 5 });
    const document = await docs.open(ROOM).ready;
    await docs.flush();
    expect(storage.logs.get(ROOM)).toHaveLength(1);
    expect(document.doc.getText('t').toString()).toBe('xxxxxx');
  });

  it('close flushes queued stores and refuses new claims', async () => {
    const storage = createMemoryStorage();
    const held = gate();
    const slow: Storage = {
      ...storage,
      append: async (name, update) => {
        await held.promise;
        await storage.append(name, update);
      },
    };
    const docs = start(slow);
    const document = await docs.open(ROOM).ready;
    const stores = [document.store(textUpdate('a'), null), document.store(textUpdate('b'), null)];
    const closing = docs.close();
    held.open();
    await closing;
    await Promise.all(stores);
    expect(storage.logs.get(ROOM)).toHaveLength(2);
    await expect(docs.open(ROOM).ready).rejects.toThrow(/shutting down/);
  });

  it('reports a failed load to its claimants and retries on the next claim', async () => {
    const storage = createMemoryStorage();
    let fail = true;
    const flaky: Storage = {
      ...storage,
      load: async (name) => {
        if (fail) throw new Error('disk on fire');
        return storage.load(name);
      },
    };
    const docs = start(flaky);
    await expect(docs.open(ROOM).ready).rejects.toThrow('disk on fire');
    fail = false;
    await expect(docs.open(ROOM).ready).resolves.toMatchObject({ name: ROOM });
  });

  it('SYNC-2 a document loads from its rows applied in one transaction: the state their merge gives, whatever their order', async () => {
    const writer = new Y.Doc();
    const rows = ['one ', 'two ', 'three '].map((text) => textUpdate(text, writer));
    const storage = createMemoryStorage();
    // The last row first: it waits (pending) for the ones it depends on, within the transaction.
    for (const row of [rows[2], rows[0], rows[1]]) await storage.append(ROOM, row as Uint8Array);
    const document = await start(storage).open(ROOM).ready;
    const merged = new Y.Doc();
    Y.applyUpdate(merged, Y.mergeUpdates(rows));
    expect(document.doc.getText('t').toString()).toBe('one two three ');
    expect(Y.encodeStateVector(document.doc)).toEqual(Y.encodeStateVector(merged));
    expect(document.doc.store.pendingStructs).toBeNull();
  });

  it('skips a stored row that cannot be applied instead of refusing the document', async () => {
    const storage = createMemoryStorage();
    await storage.append(ROOM, textUpdate('good'));
    await storage.append(ROOM, new Uint8Array([1, 1, 200, 1, 0, 0xff, 0xff]));
    const document = await start(storage).open(ROOM).ready;
    expect(document.doc.getText('t').toString()).toBe('good');
  });

  it('AUTHOR-2 a server write binds its client id to the server; a member who took it first makes it draw another', async () => {
    const storage = createMemoryStorage();
    const docs = start(storage);
    const document = await docs.open(ROOM).ready;
    const taken = document.doc.clientID;
    await storage.bindClients(ROOM, 'alice001', [taken]);
    // This instance's cache does not know it (another instance bound it): the write fails, stored nowhere.
    await expect(document.write((doc) => doc.getText('t').insert(0, 'x'))).rejects.toThrow(
      /bound to a member/,
    );
    expect(await storage.load(ROOM)).toEqual([]);
    // The failed write evicted it: the next claim loads it afresh.
    const again = await docs.open(ROOM).ready;
    await again.authors.claim(again.doc, 'bob00001', [again.doc.clientID]);
    const before = again.doc.clientID;
    await again.write((doc) => doc.getText('t').insert(0, 'y'));
    expect(again.doc.clientID).not.toBe(before);
    expect(await storage.listBindings(ROOM)).toContainEqual({
      clientId: again.doc.clientID,
      member: '@server',
    });
  });

  it('AUTHOR-3 the row a guard returns is stored with its update', async () => {
    const storage = createMemoryStorage();
    const document = await start(storage).open(ROOM).ready;
    const row = {
      member: 'alice001',
      at: 5,
      clientIds: [1],
      inserted: 2,
      deleted: 0,
      paths: ['t'],
    };
    await document.store(textUpdate('hi'), null, () => row);
    await document.store(textUpdate('no row'), null, () => null);
    expect(await storage.listContributions(ROOM)).toEqual([{ ...row, doc: ROOM }]);
  });

  it('stores a server write before relaying it to every peer; a step-1 answer waits for it', async () => {
    const storage = createMemoryStorage();
    const held = gate();
    const slow: Storage = {
      ...storage,
      append: async (name, update) => {
        await held.promise;
        await storage.append(name, update);
      },
    };
    const document = await start(slow).open(ROOM).ready;
    const peer = recorder();
    document.peers.add(peer);
    const written = document.write((doc) => doc.getText('t').insert(0, 'by the server'));
    await Promise.resolve();
    expect(peer.received).toHaveLength(0);
    expect(await storage.load(ROOM)).toHaveLength(0);
    expect(document.settled()).not.toBeNull();
    held.open();
    const update = await written;
    expect(update).not.toBeNull();
    expect(await storage.load(ROOM)).toHaveLength(1);
    expect(peer.received).toHaveLength(1);
    expect(document.settled()).toBeNull();
    expect(await document.write(() => undefined)).toBeNull();
  });

  it('evicts a document whose server write could not be stored: peers closed 1011, reloaded without it', async () => {
    const storage = createMemoryStorage();
    await storage.append(ROOM, textUpdate('kept'));
    let failing = true;
    const flaky: Storage = {
      ...storage,
      append: (name, update) =>
        failing ? Promise.reject(new Error('disk full')) : storage.append(name, update),
    };
    const docs = start(flaky);
    const handle = docs.open(ROOM);
    const document = await handle.ready;
    const closes: number[] = [];
    document.peers.add({ send: () => undefined, close: (code) => closes.push(code) });
    await expect(document.write((doc) => doc.getText('t').insert(0, 'lost '))).rejects.toThrow(
      'disk full',
    );
    expect(closes).toEqual([1011]);
    expect(docs.isLoaded(ROOM)).toBe(false);
    await expect(document.store(textUpdate('late'), null)).rejects.toThrow('evicted');
    failing = false;
    const reloaded = await docs.open(ROOM).ready;
    expect(reloaded.doc.getText('t').toString()).toBe('kept');
    handle.release();
  });

  it('STORE-6 a guard sees every earlier update applied; one it refuses is neither applied nor stored, the rest are', async () => {
    const storage = createMemoryStorage();
    const document = await start(storage).open(ROOM).ready;
    const client = new Y.Doc();
    const first = textUpdate('a', client);
    const second = textUpdate('b', client);
    const seen: string[] = [];
    const guard = (doc: Y.Doc): void => {
      seen.push(doc.getText('t').toString());
      if (seen.length === 2) throw new Error('refused');
    };
    const third = textUpdate('z');
    const results = await Promise.allSettled([
      document.store(first, null, guard),
      document.store(second, null, guard),
      document.store(third, null, guard),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seen).toEqual(['', 'a', 'a']);
    expect(await storage.load(ROOM)).toHaveLength(2);
    expect(document.doc.getText('t').toString()).toMatch(/^(az|za)$/);
  });
});
