import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAuthorship, SERVER_AUTHOR, structClients } from './authorship.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import { parseUpdate } from './parseUpdate.ts';
import type { Storage } from './storage.ts';

const ROOM = 'space0001/proposal/prop0001';

/** A memory store that counts the calls the cache should spare. */
function counted(): { storage: Storage; calls: string[] } {
  const base = createMemoryStorage();
  const calls: string[] = [];
  const storage: Storage = {
    ...base,
    bindClients: (doc, member, ids) => {
      calls.push(`bind ${member} ${ids.join(',')}`);
      return base.bindClients(doc, member, ids);
    },
    listBindings: (doc) => {
      calls.push('list');
      return base.listBindings(doc);
    },
  };
  return { storage, calls };
}

/** A doc holding one struct of `clientId`. */
function holding(clientId: number): Y.Doc {
  const writer = new Y.Doc();
  writer.clientID = clientId;
  writer.getText('title').insert(0, 'x');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
  return doc;
}

describe('authorship', () => {
  it('AUTHOR-1 binds a fresh client id to its first writer; the same member again costs no storage call', async () => {
    const { storage, calls } = counted();
    const authors = createAuthorship(ROOM, storage);
    const doc = new Y.Doc();
    expect(await authors.claim(doc, 'alice1', [11, 12])).toBeNull();
    expect(await authors.claim(doc, 'alice1', [12])).toBeNull();
    expect(calls).toEqual(['bind alice1 11,12']);
    expect(await storage.listBindings(ROOM)).toEqual([
      { clientId: 11, member: 'alice1' },
      { clientId: 12, member: 'alice1' },
    ]);
  });

  it('WRITE-16 a client id bound to another member is refused, from the cache or from the store', async () => {
    const { storage, calls } = counted();
    const doc = new Y.Doc();
    const authors = createAuthorship(ROOM, storage);
    await authors.claim(doc, 'alice1', [11]);
    expect(await authors.claim(doc, 'bob123', [10, 11])).toEqual({
      clientId: 11,
      member: 'alice1',
    });
    expect(calls).toEqual(['bind alice1 11']);
    // Another instance's cache lacks it: the store's atomic bind answers the conflict.
    const elsewhere = createAuthorship(ROOM, storage);
    expect(await elsewhere.claim(doc, 'bob123', [11])).toEqual({ clientId: 11, member: 'alice1' });
    expect(await storage.listBindings(ROOM)).toEqual([{ clientId: 11, member: 'alice1' }]);
  });

  it('AUTHOR-1 a client id the doc holds, bound on another instance, is read back from the store', async () => {
    const { storage, calls } = counted();
    await storage.bindClients(ROOM, 'alice1', [77]);
    calls.length = 0;
    const doc = holding(77);
    const authors = createAuthorship(ROOM, storage);
    expect(await authors.claim(doc, 'alice1', [77])).toBeNull();
    expect(await authors.claim(doc, 'bob123', [77])).toEqual({ clientId: 77, member: 'alice1' });
    expect(calls).toEqual(['list']);
  });

  it('WRITE-16 a client id the doc holds that nobody is bound to (written before AUTHOR) is nobody’s to continue', async () => {
    const { storage } = counted();
    const authors = createAuthorship(ROOM, storage);
    expect(await authors.claim(holding(88), 'alice1', [88])).toEqual({
      clientId: 88,
      member: null,
    });
    expect(await storage.listBindings(ROOM)).toEqual([]);
  });

  it('AUTHOR-2 the server binds its own client id once, and draws another when a member holds it', async () => {
    const { storage, calls } = counted();
    const authors = createAuthorship(ROOM, storage);
    const doc = new Y.Doc();
    const taken = doc.clientID;
    await authors.claim(doc, 'alice1', [taken]);
    authors.prepareServerWrite(doc);
    expect(doc.clientID).not.toBe(taken);
    expect(await authors.bindServer(doc.clientID)).toBe(true);
    expect(authors.bindServer(doc.clientID)).toBeNull();
    expect(await authors.claim(doc, 'alice1', [doc.clientID])).toEqual({
      clientId: doc.clientID,
      member: SERVER_AUTHOR,
    });
    expect(calls).toEqual([`bind alice1 ${taken}`, `bind ${SERVER_AUTHOR} ${doc.clientID}`]);
    // Structs of an id nobody is bound to are not the server's to continue either.
    const legacy = holding(99);
    legacy.clientID = 99;
    authors.prepareServerWrite(legacy);
    expect(legacy.clientID).not.toBe(99);
  });

  it('AUTHOR-2 a server id a member took on another instance leaves the server write unstorable', async () => {
    const { storage } = counted();
    await storage.bindClients(ROOM, 'alice1', [5]);
    const authors = createAuthorship(ROOM, storage);
    expect(await authors.bindServer(5)).toBe(false);
  });

  it('AUTHOR-1 structClients: the clients of new structs only; a deletion binds nothing', () => {
    const server = new Y.Doc();
    const alice = new Y.Doc();
    alice.clientID = 1;
    alice.getText('title').insert(0, 'abc');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(alice));
    const bob = new Y.Doc();
    bob.clientID = 2;
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const before = Y.encodeStateVector(bob);
    bob.getText('title').delete(0, 1);
    const deletion = Y.encodeStateAsUpdate(bob, before);
    expect(structClients(parseUpdate(deletion), server)).toEqual([]);
    bob.getText('title').insert(0, 'z');
    // The full state carries alice's structs (known: skipped) and bob's new one.
    const full = Y.encodeStateAsUpdate(bob);
    expect(structClients(parseUpdate(full), server)).toEqual([2]);
  });
});
