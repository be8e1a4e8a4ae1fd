import { join } from 'node:path';
import { newId, roomName } from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SERVER_AUTHOR } from '../src/authorship.ts';
import { CLOSE_CODES } from '../src/limits.ts';
import { encodeUpdate } from '../src/protocol.ts';
import { openSqliteStorage } from '../src/sqliteStorage.ts';
import type { Contribution, Storage } from '../src/storage.ts';
import { createSpaceOverHttp, spawnServer, startServer, tempDir, waitFor } from './helpers.ts';
import {
  deniedReasons,
  hostile,
  honest,
  invited,
  stored,
  withDeviceKey,
  type Member,
} from './hostileKit.ts';

const SECRET = 'authorship-test-secret-0123456789-abcdef';

/** Per member: characters inserted and deleted over all their rows. */
function totals(
  rows: readonly Contribution[],
): Record<string, { inserted: number; deleted: number }> {
  const sums: Record<string, { inserted: number; deleted: number }> = {};
  for (const row of rows) {
    const sum = (sums[row.member] ??= { inserted: 0, deleted: 0 });
    sum.inserted += row.inserted;
    sum.deleted += row.deleted;
  }
  return sums;
}

/**
 * Server-attested authorship on a real server (SPEC WRITE-16, AUTHOR-1…3):
 * two members with stock y-websocket clients, a forger on a bare socket,
 * the store read beside the server (SQLite in WAL mode takes a reader).
 */
describe('authorship', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('WRITE-16 AUTHOR-1 AUTHOR-3 a client id is its first writer’s: another member’s forged or stolen structs are refused 4409; rows count exactly, survive compaction and a restart', async () => {
    const dir = tempDir('ronde-authorship-');
    cleanups.push(dir.remove);
    const data = join(dir.path, 'data');
    const config = { auth: 'required' as const, secret: SECRET, compactAfterUpdates: 4 };
    let server = await startServer(data, config);
    cleanups.push(() => server.close());
    const port = server.port;
    const reader: Storage = await openSqliteStorage(data);
    cleanups.push(() => reader.close());
    const ada: Member = await withDeviceKey(port, await createSpaceOverHttp(port)); // the admin
    const bea = await invited(port, ada, 'member', 'Bea');
    const room = roomName({ spaceId: ada.spaceId, kind: 'proposal', id: newId() });
    const title = (doc: Y.Doc): Y.Text => doc.getText('title');
    const rows = (): Promise<Contribution[]> => reader.listContributions(room);
    const storedTitle = async (): Promise<string> =>
      title(await stored(port, room, ada)).toString();

    // Ada types with her stock client; the server binds its client id to her.
    const a = await honest(port, room, ada);
    cleanups.push(() => a.provider.destroy());
    const adaId = a.doc.clientID;
    title(a.doc).insert(0, 'Hello');
    await waitFor(async () => (await rows()).length === 1, 'Ada’s first row');
    title(a.doc).insert(5, ' world');
    await waitFor(async () => (await storedTitle()) === 'Hello world', 'Ada’s text stored');
    expect(await reader.listBindings(room)).toEqual([{ clientId: adaId, member: ada.userId }]);

    // Bea forges a keystroke with Ada's client id (her next clock): refused, nothing stored.
    const forger = await hostile(port, room, bea, a.doc);
    forger.doc.clientID = adaId;
    forger.edit((doc) => title(doc).insert(0, 'Forged: '));
    expect((await forger.client.closed).code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(forger.client).join(' ')).toMatch(/write refused \(WRITE-16\)/);

    // Ada edits offline; Bea steals that update before Ada sends it: refused too.
    a.provider.disconnect();
    const offline: Uint8Array[] = [];
    const capture = (update: Uint8Array): void => void offline.push(update);
    a.doc.on('update', capture);
    title(a.doc).insert(11, '!');
    a.doc.off('update', capture);
    const thief = await hostile(port, room, bea, new Y.Doc());
    thief.send(encodeUpdate(offline[0] as Uint8Array));
    expect((await thief.client.closed).code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(thief.client).join(' ')).toMatch(/WRITE-16/);
    expect(await storedTitle()).toBe('Hello world');
    expect(await rows()).toHaveLength(2);

    // Ada reconnects with the same doc, so the same client id: fine, her edit arrives.
    a.provider.connect();
    await waitFor(async () => (await storedTitle()) === 'Hello world!', 'Ada’s offline edit');
    expect(a.doc.clientID).toBe(adaId);

    // Bea writes with her own stock client: deletes 5 of Ada's characters, types 2 with an emoji.
    const b = await honest(port, room, bea);
    cleanups.push(() => b.provider.destroy());
    b.doc.transact(() => {
      title(b.doc).delete(0, 5);
      title(b.doc).insert(0, '👋 ');
    });
    await waitFor(async () => (await storedTitle()) === '👋  world!', 'Bea’s edit');
    const bindings = await reader.listBindings(room);
    expect(bindings.filter((row) => row.member !== SERVER_AUTHOR)).toEqual(
      [
        { clientId: adaId, member: ada.userId },
        { clientId: b.doc.clientID, member: bea.userId },
      ].sort((x, y) => x.clientId - y.clientId),
    );
    const before = await rows();
    expect(totals(before)).toEqual({
      [ada.userId]: { inserted: 12, deleted: 0 },
      [bea.userId]: { inserted: 2, deleted: 5 },
    });
    expect(before.every((row) => row.paths.join() === 'title' && row.doc === room)).toBe(true);
    expect(before.filter((row) => row.member === bea.userId).map((row) => row.clientIds)).toEqual([
      [b.doc.clientID],
    ]);

    // Compaction (after 4 updates) merged the log; the rows are all there.
    await server.registry.flush();
    await waitFor(async () => (await reader.load(room)).length === 1, 'the log compacted');
    expect(await rows()).toEqual(before);

    // A restart: the rows and the bindings stay, so the forgery is still refused.
    a.provider.destroy();
    b.provider.destroy();
    await server.close();
    server = await startServer(data, { ...config, port });
    expect(await rows()).toEqual(before);
    const again = await hostile(port, room, bea, await stored(port, room, ada));
    again.doc.clientID = adaId;
    again.edit((doc) => title(doc).insert(0, 'Still forged: '));
    expect((await again.client.closed).code).toBe(CLOSE_CODES.writeRefused);
    expect(deniedReasons(again.client).join(' ')).toMatch(/WRITE-16/);
    expect(await storedTitle()).toBe('👋  world!');
    expect(await rows()).toEqual(before);
  });

  it('AUTHOR-1 AUTHOR-3 bindings and rows survive a kill -9: every update a client saw stored has its row', async () => {
    const dir = tempDir('ronde-authorship-kill-');
    cleanups.push(dir.remove);
    const data = join(dir.path, 'data');
    const options = { auth: 'required' as const, secret: SECRET, sqlite: true };
    let server = await spawnServer(data, options);
    cleanups.push(() => void server.child.kill('SIGKILL'));
    const ada = await withDeviceKey(server.port, await createSpaceOverHttp(server.port));
    const room = roomName({ spaceId: ada.spaceId, kind: 'proposal', id: newId() });
    const a = await honest(server.port, room, ada);
    const title = a.doc.getText('title');
    for (const word of ['one ', 'two ', 'three ']) title.insert(title.length, word);
    const adaId = a.doc.clientID;
    // What the server stored is what a fresh client reads (STORE-1: stored before relayed).
    await waitFor(
      async () =>
        (await stored(server.port, room, ada)).getText('title').toString() === 'one two three ',
      'Ada’s words stored',
    );
    server.child.kill('SIGKILL');
    await server.exited;
    a.provider.destroy();

    const reader = await openSqliteStorage(data);
    try {
      const rows = await reader.listContributions(room);
      expect(rows.reduce((sum, row) => sum + row.inserted, 0)).toBe(14);
      expect(rows.every((row) => row.member === ada.userId)).toBe(true);
      expect(await reader.listBindings(room)).toContainEqual({
        clientId: adaId,
        member: ada.userId,
      });
    } finally {
      await reader.close();
    }
    // Back up: the binding still refuses another member's forgery.
    server = await spawnServer(data, options);
    const bea = await invited(server.port, ada, 'member', 'Bea');
    const forger = await hostile(server.port, room, bea, await stored(server.port, room, ada));
    forger.doc.clientID = adaId;
    forger.edit((doc) => doc.getText('title').insert(0, 'Forged '));
    expect((await forger.client.closed).code).toBe(CLOSE_CODES.writeRefused);
    server.child.kill('SIGKILL');
    await server.exited;
  });
});
