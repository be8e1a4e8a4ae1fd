import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ContributionInput, Storage } from './storage.ts';

/** How the contract gets stores: `open()` twice on one fixture must reach the same data. */
export interface StorageFixture {
  open(): Promise<Storage>;
  cleanup(): Promise<void>;
}

function edit(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array): void => {
    update = u;
  };
  doc.on('update', capture);
  change(doc);
  doc.off('update', capture);
  if (!update) throw new Error('the change produced no update');
  return update;
}

function stateOf(updates: Uint8Array[]): unknown {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const json = doc.getText('t').toString();
  doc.destroy();
  return json;
}

/**
 * The behaviour every storage adapter must have (DESIGN 7). Run it from the
 * adapter's test file:
 *
 * @example
 * runStorageContract('sqlite', async () => ({ open: () => openSqliteStorage(dir), cleanup }));
 */
export function runStorageContract(name: string, makeFixture: () => Promise<StorageFixture>): void {
  describe(`storage contract: ${name}`, () => {
    let fixture: StorageFixture | null = null;
    const open: Storage[] = [];

    async function start(): Promise<Storage> {
      fixture ??= await makeFixture();
      const storage = await fixture.open();
      open.push(storage);
      return storage;
    }

    afterEach(async () => {
      for (const storage of open.splice(0)) await storage.close().catch(() => undefined);
      await fixture?.cleanup();
      fixture = null;
    });

    it('loads an unknown document as an empty log', async () => {
      const storage = await start();
      expect(await storage.load('sp123456/proposal/pr123456')).toEqual([]);
    });

    it('round-trips appended updates byte for byte', async () => {
      const storage = await start();
      const doc = new Y.Doc();
      const update = edit(doc, (d) => d.getText('t').insert(0, 'hello'));
      await storage.append('doc-a', update);
      const log = await storage.load('doc-a');
      expect(log).toHaveLength(1);
      expect(Array.from(log[0] ?? [])).toEqual(Array.from(update));
      expect(log[0]).toBeInstanceOf(Uint8Array);
    });

    it('keeps the order of appends', async () => {
      const storage = await start();
      const updates = Array.from({ length: 20 }, (_, i) => new Uint8Array([i, 255 - i, i]));
      for (const update of updates) await storage.append('doc-a', update);
      const log = await storage.load('doc-a');
      expect(log.map((u) => Array.from(u))).toEqual(updates.map((u) => Array.from(u)));
    });

    it('compaction keeps the same document state, in one update', async () => {
      const storage = await start();
      const doc = new Y.Doc();
      const text = doc.getText('t');
      const updates = [
        edit(doc, () => text.insert(0, 'hello')),
        edit(doc, () => text.insert(5, ' world')),
        edit(doc, () => text.delete(0, 1)),
        edit(doc, () => text.insert(0, 'H')),
      ];
      for (const update of updates) await storage.append('doc-a', update);
      await storage.compact('doc-a');
      const log = await storage.load('doc-a');
      expect(log).toHaveLength(1);
      expect(stateOf(log)).toBe('Hello world');
      const after = edit(doc, () => text.insert(11, '!'));
      await storage.append('doc-a', after);
      expect(stateOf(await storage.load('doc-a'))).toBe('Hello world!');
    });

    it('compacting an empty or single-update log is harmless', async () => {
      const storage = await start();
      await storage.compact('nothing-here');
      expect(await storage.load('nothing-here')).toEqual([]);
      const update = edit(new Y.Doc(), (d) => d.getText('t').insert(0, 'x'));
      await storage.append('doc-a', update);
      await storage.compact('doc-a');
      expect(stateOf(await storage.load('doc-a'))).toBe('x');
    });

    it('CLUSTER-3 loadSince: the rows above a sequence number, numbered, increasing', async () => {
      const storage = await start();
      expect(await storage.loadSince('doc-a', 0)).toEqual([]);
      for (const byte of [1, 2, 3]) await storage.append('doc-a', new Uint8Array([byte]));
      await storage.append('doc-b', new Uint8Array([9]));
      const all = await storage.loadSince('doc-a', 0);
      expect(all.map((entry) => Array.from(entry.update))).toEqual([[1], [2], [3]]);
      const seqs = all.map((entry) => entry.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(3);
      expect(seqs[0]).toBeGreaterThan(0);
      const since = await storage.loadSince('doc-a', seqs[1] ?? 0);
      expect(since.map((entry) => Array.from(entry.update))).toEqual([[3]]);
      expect(await storage.loadSince('doc-a', seqs[2] ?? 0)).toEqual([]);
    });

    it('CLUSTER-3 a compacted row keeps the last number it merged; later rows follow it', async () => {
      const storage = await start();
      const doc = new Y.Doc();
      const text = doc.getText('t');
      await storage.append(
        'doc-a',
        edit(doc, () => text.insert(0, 'ab')),
      );
      const [first] = await storage.loadSince('doc-a', 0);
      await storage.append(
        'doc-a',
        edit(doc, () => text.insert(2, 'cd')),
      );
      const before = await storage.loadSince('doc-a', 0);
      await storage.compact('doc-a');
      const merged = await storage.loadSince('doc-a', 0);
      expect(merged).toHaveLength(1);
      expect(merged[0]?.seq).toBe(before.at(-1)?.seq);
      // A reader that had the first row gets the merged one, which holds what it lacked.
      expect(
        stateOf((await storage.loadSince('doc-a', first?.seq ?? 0)).map((e) => e.update)),
      ).toBe('abcd');
      await storage.append(
        'doc-a',
        edit(doc, () => text.insert(4, 'e')),
      );
      const after = await storage.loadSince('doc-a', merged[0]?.seq ?? 0);
      expect(after).toHaveLength(1);
      expect(after[0]?.seq).toBeGreaterThan(merged[0]?.seq ?? 0);
    });

    it('keeps documents apart', async () => {
      const storage = await start();
      await storage.append(
        'doc-a',
        edit(new Y.Doc(), (d) => d.getText('t').insert(0, 'a')),
      );
      await storage.append(
        'doc-b',
        edit(new Y.Doc(), (d) => d.getText('t').insert(0, 'b')),
      );
      await storage.append(
        'doc-a',
        edit(new Y.Doc(), (d) => d.getText('u').insert(0, 'a2')),
      );
      await storage.compact('doc-a');
      expect(stateOf(await storage.load('doc-b'))).toBe('b');
      expect(await storage.load('doc-b')).toHaveLength(1);
      expect(stateOf(await storage.load('doc-a'))).toBe('a');
      expect(await storage.load('doc-a/')).toEqual([]);
    });

    it('keeps data after close and reopen', async () => {
      const first = await start();
      const doc = new Y.Doc();
      await first.append(
        'doc-a',
        edit(doc, () => doc.getText('t').insert(0, 'durable')),
      );
      await first.close();
      const second = await start();
      expect(stateOf(await second.load('doc-a'))).toBe('durable');
    });

    it('rejects calls after close', async () => {
      const storage = await start();
      await storage.close();
      await expect(storage.load('doc-a')).rejects.toThrow();
      await expect(storage.append('doc-a', new Uint8Array([0, 0]))).rejects.toThrow();
    });

    it('CONS-5 keeps a durable set of pending rooms: idempotent marks, clears, sorted list', async () => {
      const storage = await start();
      expect(await storage.listPending()).toEqual([]);
      await storage.markPending('sp2/meeting/mt2');
      await storage.markPending('sp1/meeting/mt1');
      await storage.markPending('sp2/meeting/mt2');
      expect(await storage.listPending()).toEqual(['sp1/meeting/mt1', 'sp2/meeting/mt2']);
      await storage.clearPending('sp2/meeting/mt2');
      await storage.clearPending('sp9/meeting/never-marked');
      expect(await storage.listPending()).toEqual(['sp1/meeting/mt1']);
    });

    it('CONS-5 pending rooms survive close and reopen; calls after close reject', async () => {
      const first = await start();
      await first.markPending('sp1/meeting/mt1');
      await first.markPending('sp1/meeting/mt2');
      await first.clearPending('sp1/meeting/mt2');
      await first.close();
      await expect(first.markPending('sp1/meeting/mt3')).rejects.toThrow();
      await expect(first.listPending()).rejects.toThrow();
      const second = await start();
      expect(await second.listPending()).toEqual(['sp1/meeting/mt1']);
    });

    it('STORE-2 keeps the call order of appends made without waiting, per document', async () => {
      const storage = await start();
      const calls: Promise<void>[] = [];
      for (let i = 0; i < 30; i++) {
        calls.push(storage.append(i % 3 === 0 ? 'doc-b' : 'doc-a', new Uint8Array([i])));
      }
      await Promise.all(calls);
      const a = (await storage.load('doc-a')).map((u) => u[0]);
      const b = (await storage.load('doc-b')).map((u) => u[0]);
      expect(a).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 0));
      expect(b).toEqual(Array.from({ length: 10 }, (_, i) => i * 3));
    });

    it('STORE-1 an append that resolved is read by a store opened afterwards, without a close', async () => {
      const writer = await start();
      await Promise.all([
        writer.append('doc-a', new Uint8Array([1, 2])),
        writer.append('doc-b', new Uint8Array([3, 4])),
      ]);
      const reader = await start();
      expect((await reader.load('doc-a')).map((u) => Array.from(u))).toEqual([[1, 2]]);
      expect((await reader.load('doc-b')).map((u) => Array.from(u))).toEqual([[3, 4]]);
    });

    it('AUTHOR-1 binds fresh client ids, answers those bound to another member, per document', async () => {
      const storage = await start();
      expect(await storage.listBindings('doc-a')).toEqual([]);
      expect(await storage.bindClients('doc-a', 'alice1', [4_000_000_000, 7, 7])).toEqual([]);
      expect(await storage.bindClients('doc-a', 'alice1', [7])).toEqual([]);
      expect(await storage.bindClients('doc-a', 'bob123', [9, 4_000_000_000, 7])).toEqual([
        { clientId: 7, member: 'alice1' },
        { clientId: 4_000_000_000, member: 'alice1' },
      ]);
      expect(await storage.bindClients('doc-b', 'bob123', [7])).toEqual([]);
      expect(await storage.bindClients('doc-a', 'carol1', [])).toEqual([]);
      expect(await storage.listBindings('doc-a')).toEqual([
        { clientId: 7, member: 'alice1' },
        { clientId: 9, member: 'bob123' },
        { clientId: 4_000_000_000, member: 'alice1' },
      ]);
      await storage.close();
      const reopened = await start();
      expect(await reopened.listBindings('doc-b')).toEqual([{ clientId: 7, member: 'bob123' }]);
      expect(await reopened.bindClients('doc-a', 'bob123', [9])).toEqual([]);
    });

    it('AUTHOR-1 two stores binding one client id at once: exactly one member wins', async () => {
      const [a, b] = [await start(), await start()];
      for (let id = 1; id <= 10; id++) {
        const [fromA, fromB] = await Promise.all([
          a.bindClients('doc-a', 'alice1', [id, 100 + id]),
          b.bindClients('doc-a', 'bob123', [100 + id, id]),
        ]);
        // Each id went to one member: each store sees the other's win as a conflict.
        const owners = await a.listBindings('doc-a');
        for (const clientId of [id, 100 + id]) {
          const owner = owners.find((row) => row.clientId === clientId)?.member;
          const lostByA = fromA.some((row) => row.clientId === clientId);
          const lostByB = fromB.some((row) => row.clientId === clientId);
          expect(lostByA !== lostByB).toBe(true);
          expect(owner).toBe(lostByA ? 'bob123' : 'alice1');
        }
      }
    });

    it('AUTHOR-3 stores a contribution row with its update; compaction never touches the rows', async () => {
      const storage = await start();
      const doc = new Y.Doc();
      const text = doc.getText('t');
      const row = (at: number, inserted: number, deleted: number): ContributionInput => ({
        member: 'alice1',
        at,
        clientIds: [doc.clientID],
        inserted,
        deleted,
        paths: ['t'],
      });
      await storage.append(
        'doc-a',
        edit(doc, () => text.insert(0, 'hello')),
        row(1000, 5, 0),
      );
      await storage.append('doc-a', new Uint8Array([0, 0]));
      await storage.append(
        'doc-a',
        edit(doc, () => text.delete(0, 2)),
        { ...row(2000, 0, 2), member: 'bob123', clientIds: [], paths: ['t', 'people/u1'] },
      );
      await storage.append(
        'doc-b',
        edit(new Y.Doc(), (d) => d.getText('t').insert(0, 'b')),
        { ...row(1500, 1, 0), clientIds: [4_000_000_000] },
      );
      await storage.compact('doc-a');
      expect(await storage.load('doc-a')).toHaveLength(1);
      const expected = [
        { doc: 'doc-a', ...row(1000, 5, 0) },
        {
          doc: 'doc-a',
          ...row(2000, 0, 2),
          member: 'bob123',
          clientIds: [],
          paths: ['t', 'people/u1'],
        },
      ];
      expect(await storage.listContributions('doc-a')).toEqual(expected);
      expect(await storage.listContributions('doc-a', { since: 2000 })).toEqual(expected.slice(1));
      expect(await storage.listContributions('doc-a', { since: 2001 })).toEqual([]);
      expect(await storage.listContributions('doc-b')).toEqual([
        { doc: 'doc-b', ...row(1500, 1, 0), clientIds: [4_000_000_000] },
      ]);
      await storage.close();
      expect(await (await start()).listContributions('doc-a')).toEqual(expected);
    });

    it('VERS-1 files versions once by id, lists them by time without state, loads one; compaction and reopening keep them', async () => {
      const storage = await start();
      const doc = new Y.Doc();
      const state = edit(doc, () => doc.getText('title').insert(0, 'v1'));
      const base = { kind: 'named' as const, name: 'First', by: 'alice1', meetingId: null };
      expect(await storage.addVersion('doc-a', { ...base, id: 'v-b', at: 2000, state })).toBe(true);
      const adopted = { ...base, id: 'v-a', kind: 'adopted' as const, name: '', by: '@server' };
      expect(
        await storage.addVersion('doc-a', { ...adopted, at: 1000, meetingId: 'mt1', state }),
      ).toBe(true);
      // The same id again writes nothing, whatever it carries.
      expect(
        await storage.addVersion('doc-a', {
          ...base,
          id: 'v-b',
          at: 5,
          state: new Uint8Array([9]),
        }),
      ).toBe(false);
      await storage.addVersion('doc-b', { ...base, id: 'v-b', at: 1, state: new Uint8Array([1]) });
      await storage.append('doc-a', state);
      await storage.append('doc-a', new Uint8Array([0, 0]));
      await storage.compact('doc-a');
      const listed = [
        { ...adopted, at: 1000, meetingId: 'mt1', bytes: state.byteLength },
        { ...base, id: 'v-b', at: 2000, bytes: state.byteLength },
      ];
      expect(await storage.listVersions('doc-a')).toEqual(listed);
      expect(await storage.loadVersion('doc-a', 'v-b')).toEqual({
        ...base,
        id: 'v-b',
        at: 2000,
        state,
      });
      expect(await storage.loadVersion('doc-a', 'nope')).toBeNull();
      expect(await storage.listVersions('doc-c')).toEqual([]);
      await storage.close();
      const again = await start();
      expect(await again.listVersions('doc-a')).toEqual(listed);
      expect((await again.loadVersion('doc-b', 'v-b'))?.state).toEqual(new Uint8Array([1]));
    });

    it('takes concurrent appends to one and many documents without losing any', async () => {
      const storage = await start();
      const docs = ['doc-a', 'doc-b', 'doc-c'];
      const writers = docs.map((docName) => {
        const doc = new Y.Doc();
        const updates = Array.from({ length: 25 }, (_, i) =>
          edit(doc, () => doc.getText('t').insert(i, String(i % 10))),
        );
        return { docName, doc, updates };
      });
      await Promise.all(
        writers.flatMap((w) => w.updates.map((update) => storage.append(w.docName, update))),
      );
      for (const w of writers) {
        const log = await storage.load(w.docName);
        expect(log).toHaveLength(25);
        expect(stateOf(log)).toBe(w.doc.getText('t').toString());
      }
    });
  });
}

/** `deleteDocuments`, for stores that have it (SPEC PRACTICE-8). */
export function runDeleteDocumentsContract(
  name: string,
  makeFixture: () => Promise<StorageFixture>,
): void {
  describe(`storage contract, deleting: ${name}`, () => {
    let fixture: StorageFixture | null = null;
    const open: Storage[] = [];
    afterEach(async () => {
      for (const storage of open.splice(0)) await storage.close().catch(() => undefined);
      await fixture?.cleanup();
      fixture = null;
    });
    async function start(): Promise<Storage> {
      fixture ??= await makeFixture();
      const storage = await fixture.open();
      open.push(storage);
      return storage;
    }

    it('PRACTICE-8 deletes every document under a prefix and its pending mark, durably', async () => {
      const storage = await start();
      if (!storage.deleteDocuments) throw new Error(`${name} cannot delete documents`);
      for (const doc of ['sp_1/space/sp_1', 'sp_1/meeting/m1', 'sp_10/space/sp_10', 'spX1/x']) {
        await storage.append(doc, new Uint8Array([1]));
      }
      await storage.markPending('sp_1/meeting/m1');
      await storage.markPending('sp_10/meeting/m2');
      const row = { member: 'alice1', at: 1, clientIds: [1], inserted: 1, deleted: 0, paths: [] };
      await storage.append('sp_1/meeting/m1', new Uint8Array([3]), row);
      await storage.append('sp_10/space/sp_10', new Uint8Array([3]), row);
      await storage.bindClients('sp_1/meeting/m1', 'alice1', [1]);
      await storage.bindClients('sp_10/space/sp_10', 'alice1', [1]);
      const version = { kind: 'named' as const, name: 'n', by: 'alice1', at: 1, meetingId: null };
      const state = new Uint8Array([1]);
      await storage.addVersion('sp_1/proposal/p1', { ...version, id: 'v1', state });
      await storage.addVersion('sp_10/proposal/p1', { ...version, id: 'v1', state });
      const late = storage.append('sp_1/meeting/m1', new Uint8Array([2]));
      await storage.deleteDocuments('sp_1/');
      await late;
      await storage.close();
      const reader = await start();
      expect(await reader.load('sp_1/space/sp_1')).toEqual([]);
      expect(await reader.load('sp_1/meeting/m1')).toEqual([]);
      expect(await reader.load('sp_10/space/sp_10')).toHaveLength(2);
      expect(await reader.load('spX1/x')).toHaveLength(1);
      expect(await reader.listPending()).toEqual(['sp_10/meeting/m2']);
      expect(await reader.listBindings('sp_1/meeting/m1')).toEqual([]);
      expect(await reader.listContributions('sp_1/meeting/m1')).toEqual([]);
      expect(await reader.listBindings('sp_10/space/sp_10')).toHaveLength(1);
      expect(await reader.listContributions('sp_10/space/sp_10')).toHaveLength(1);
      expect(await reader.listVersions('sp_1/proposal/p1')).toEqual([]);
      expect(await reader.listVersions('sp_10/proposal/p1')).toHaveLength(1);
    });
  });
}
