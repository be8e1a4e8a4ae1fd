import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RestoredDocument, Storage } from './storage.ts';
import type { StorageFixture } from './storage.contract.ts';

/**
 * `listDocuments` and `restoreDocuments` (SPEC BACKUP-1, BACKUP-5), for every
 * store that backs spaces up: run it from the adapter's test file.
 *
 * @example
 * runBackupStorageContract('sqlite', async () => ({ open: () => openSqliteStorage(dir), cleanup }));
 */
export function runBackupStorageContract(
  name: string,
  makeFixture: () => Promise<StorageFixture>,
): void {
  describe(`storage contract, backups: ${name}`, () => {
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
    const state = (text: string): Uint8Array => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    const documents = (prefix: string): RestoredDocument[] => [
      {
        name: `${prefix}space/x`,
        state: state('space'),
        bindings: [
          { clientId: 7, member: 'alice1' },
          { clientId: 9, member: 'bob001' },
        ],
        contributions: [
          { member: 'alice1', at: 5, clientIds: [7], inserted: 5, deleted: 0, paths: ['t'] },
        ],
        versions: [],
      },
      {
        name: `${prefix}proposal/p1`,
        state: state('text'),
        bindings: [],
        contributions: [],
        versions: [
          {
            id: 'v1',
            kind: 'named',
            name: 'First',
            by: 'alice1',
            at: 3,
            meetingId: null,
            state: state('te'),
          },
        ],
      },
    ];

    it('BACKUP-1 lists the documents under a prefix, sorted, and no other', async () => {
      const storage = await start();
      if (!storage.listDocuments) throw new Error(`${name} cannot list documents`);
      for (const doc of ['sp_1/space/sp_1', 'sp_1/meeting/m1', 'sp_10/space/sp_10', 'spX1/x']) {
        await storage.append(doc, new Uint8Array([1]));
      }
      expect(await storage.listDocuments('sp_1/')).toEqual(['sp_1/meeting/m1', 'sp_1/space/sp_1']);
      expect(await storage.listDocuments('none/')).toEqual([]);
    });

    it('BACKUP-5 restores documents with their bindings, contributions and versions, durably', async () => {
      const storage = await start();
      if (!storage.restoreDocuments) throw new Error(`${name} cannot restore documents`);
      expect(await storage.restoreDocuments('sp_2/', documents('sp_2/'))).toBe(true);
      await storage.close();
      const reader = await start();
      const doc = new Y.Doc();
      for (const update of await reader.load('sp_2/space/x')) Y.applyUpdate(doc, update);
      expect(doc.getText('t').toString()).toBe('space');
      expect(await reader.listBindings('sp_2/space/x')).toEqual([
        { clientId: 7, member: 'alice1' },
        { clientId: 9, member: 'bob001' },
      ]);
      expect(await reader.listContributions('sp_2/space/x')).toEqual([
        {
          doc: 'sp_2/space/x',
          member: 'alice1',
          at: 5,
          clientIds: [7],
          inserted: 5,
          deleted: 0,
          paths: ['t'],
        },
      ]);
      expect((await reader.listVersions('sp_2/proposal/p1')).map((v) => v.id)).toEqual(['v1']);
      expect((await reader.loadVersion('sp_2/proposal/p1', 'v1'))?.name).toBe('First');
      expect(await reader.listDocuments!('sp_2/')).toEqual(['sp_2/proposal/p1', 'sp_2/space/x']);
    });

    it('BACKUP-5 refuses, writing nothing, when a document under the prefix exists', async () => {
      const storage = await start();
      await storage.append('sp_3/meeting/m1', new Uint8Array([1]));
      expect(await storage.restoreDocuments!('sp_3/', documents('sp_3/'))).toBe(false);
      expect(await storage.load('sp_3/space/x')).toEqual([]);
      expect(await storage.listVersions('sp_3/proposal/p1')).toEqual([]);
      expect(await storage.listDocuments!('sp_3/')).toEqual(['sp_3/meeting/m1']);
    });
  });
}
