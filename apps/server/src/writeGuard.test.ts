import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAuthorship } from './authorship.ts';
import { codePoints, contributionOf } from './contribution.ts';
import { locateUpdate } from './locateUpdate.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import { parseUpdate } from './parseUpdate.ts';
import { foldedMeeting, writeGuard, WriteRefused } from './writeGuard.ts';
import type { Writer } from './writePolicy.ts';

const ROOM = 'space0001/proposal/prop0001';
const ALICE: Writer = { userId: 'alice001', role: 'member' };
const BOB: Writer = { userId: 'bob00001', role: 'member' };
const AT = 1_900_000_000_000;

/** The server's copy of a proposal, its store and the guard of each member, as the registry runs them. */
function setup() {
  const storage = createMemoryStorage();
  const server = new Y.Doc();
  const authors = createAuthorship(ROOM, storage);
  /** Guards, stores and applies `update` as `writer`, like `LoadedDocument.store`. */
  async function store(writer: Writer, update: Uint8Array) {
    const row = await writeGuard('proposal', writer, () => AT)(
      server,
      update,
      parseUpdate(update),
      authors,
    );
    await storage.append(ROOM, update, row ?? undefined);
    Y.applyUpdate(server, update);
    return row;
  }
  /**
   * A client synced from the server, and the update its change makes; with
   * `clientId`, a forger that writes with that id (set after each sync: a
   * stock Yjs client would draw a new one on seeing it used).
   */
  function client(clientId?: number): {
    doc: Y.Doc;
    change: (c: (d: Y.Doc) => void) => Uint8Array;
  } {
    const doc = new Y.Doc();
    return {
      doc,
      change(change) {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
        if (clientId !== undefined) doc.clientID = clientId;
        const before = Y.encodeStateVector(doc);
        change(doc);
        return Y.encodeStateAsUpdate(doc, before);
      },
    };
  }
  return { storage, server, store, client };
}

async function refusal(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof WriteRefused)) throw new Error(`not refused: ${String(error)}`);
  return `${error.rule}: ${error.reason}`;
}

describe('write guard: authorship', () => {
  it('WRITE-16 structs made with a client id bound to another member are refused; nothing is bound', async () => {
    const { storage, store, client } = setup();
    const alice = client();
    await store(
      ALICE,
      alice.change((d) => d.getText('title').insert(0, 'Budget')),
    );
    // Bob forges a keystroke with alice's client id (her next clock).
    const forged = client(alice.doc.clientID);
    const update = forged.change((d) => d.getText('title').insert(6, ' 2027'));
    expect(await refusal(store(BOB, update))).toMatch(/^WRITE-16: client \d+ belongs to another/);
    expect(await storage.listBindings(ROOM)).toEqual([
      { clientId: alice.doc.clientID, member: ALICE.userId },
    ]);
    expect(await storage.listContributions(ROOM)).toHaveLength(1);
    // Alice, reconnecting with the same doc, goes on writing with it.
    await store(
      ALICE,
      alice.change((d) => d.getText('title').insert(6, '!')),
    );
  });

  it('WRITE-16 a refusal of the write policy binds nothing', async () => {
    const { storage, store, client } = setup();
    const bob = client();
    const update = bob.change((d) => d.getText('nowhere').insert(0, 'x'));
    expect(await refusal(store(BOB, update))).toMatch(/^WRITE-2:/);
    expect(await storage.listBindings(ROOM)).toEqual([]);
  });

  it('AUTHOR-1 deleting another member’s text binds nothing and is not refused', async () => {
    const { storage, store, client } = setup();
    const alice = client();
    await store(
      ALICE,
      alice.change((d) => d.getText('title').insert(0, 'Budget')),
    );
    const bob = client();
    const row = await store(
      BOB,
      bob.change((d) => d.getText('title').delete(0, 3)),
    );
    expect(row).toEqual({
      member: BOB.userId,
      at: AT,
      clientIds: [],
      inserted: 0,
      deleted: 3,
      paths: ['title'],
    });
    expect((await storage.listBindings(ROOM)).map((b) => b.member)).toEqual([ALICE.userId]);
  });
});

describe('contribution rows', () => {
  it('AUTHOR-3 counts code points inserted and deleted, partial deletions of a struct included', async () => {
    const { store, client } = setup();
    const alice = client();
    const first = await store(
      ALICE,
      alice.change((d) => {
        d.getText('title').insert(0, 'Vote 🗳️ now');
        d.getText('driver').insert(0, 'why');
      }),
    );
    expect(first).toMatchObject({ inserted: 14, deleted: 0, paths: ['driver', 'title'] });
    // Delete "🗳️ " (3 code points, 4 UTF-16 units) from the middle of one struct, add 2.
    const second = await store(
      ALICE,
      alice.change((d) => {
        d.getText('title').delete(5, 4);
        d.getText('title').insert(0, 'A ');
      }),
    );
    expect(second).toMatchObject({ inserted: 2, deleted: 3, clientIds: [alice.doc.clientID] });
  });

  it('AUTHOR-3 text in the XML body counts; a sync of what the server has makes no row', async () => {
    const { store, client } = setup();
    const alice = client();
    const row = await store(
      ALICE,
      alice.change((d) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('Hello')]);
        d.getXmlFragment('body').insert(0, [paragraph]);
      }),
    );
    expect(row).toMatchObject({ inserted: 5, deleted: 0, paths: ['body'] });
    const resent = Y.encodeStateAsUpdate(alice.doc);
    expect(await store(ALICE, resent)).toBeNull();
  });

  it('AUTHOR-3 paths name the root and its key; at most 64 per row', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const before = Y.encodeStateVector(client);
    client.transact(() => {
      for (let i = 0; i < 100; i++)
        client.getMap('proposal').set(`k${String(i).padStart(3, '0')}`, i);
    });
    const located = locateUpdate(Y.encodeStateAsUpdate(client, before), server);
    if (!located.ok) throw new Error(located.reason);
    const row = contributionOf('alice001', AT, [client.clientID], located.writes);
    expect(row?.paths).toHaveLength(64);
    expect(row?.paths[0]).toBe('proposal/k000');
  });

  it('AUTHOR-3 codePoints counts a surrogate pair once, a lone half once', () => {
    expect(codePoints('a🗳b', 0, 4)).toBe(3);
    expect(codePoints('a🗳b', 2, 4)).toBe(2); // starts on a low half
    expect(codePoints('', 0, 0)).toBe(0);
  });
});

describe('foldedMeeting', () => {
  it('WRITE-8 folds a meeting once per change of its document, not once per keystroke of the proposal it holds', () => {
    const doc = new Y.Doc();
    const first = foldedMeeting(doc);
    expect(foldedMeeting(doc)).toBe(first);
    doc.getArray('log').push([{ id: 'evt00001' }]);
    const second = foldedMeeting(doc);
    expect(second).not.toBe(first);
    expect(foldedMeeting(doc)).toBe(second);
  });
});
