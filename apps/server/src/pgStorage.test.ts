import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, skipWithoutPg, type TestDatabase } from '../test/pgDatabase.ts';
import { openPgStorage, type PgStorage } from './pgStorage.ts';
import { StorageOpenError } from './storage.ts';
import { runDeleteDocumentsContract, runStorageContract } from './storage.contract.ts';
import { runBackupStorageContract } from './backupStorage.contract.ts';

const skip = skipWithoutPg('pgStorage');

describe.skipIf(skip)('PG-1 pgStorage contract', () => {
  runStorageContract('postgresql', async () => {
    const database = await createTestDatabase();
    return { open: () => openPgStorage(database.url), cleanup: () => database.drop() };
  });
  runDeleteDocumentsContract('postgresql', async () => {
    const database = await createTestDatabase();
    return { open: () => openPgStorage(database.url), cleanup: () => database.drop() };
  });
  runBackupStorageContract('postgresql', async () => {
    const database = await createTestDatabase();
    return { open: () => openPgStorage(database.url), cleanup: () => database.drop() };
  });
});

describe.skipIf(skip)('pgStorage', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function open(database: TestDatabase): Promise<PgStorage> {
    const storage = await openPgStorage(database.url);
    cleanups.push(() => storage.close());
    return storage;
  }
  async function fresh(): Promise<TestDatabase> {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    return database;
  }

  it('PG-1 fails to open with a StorageOpenError naming the server, without its password', async () => {
    const error = await openPgStorage('postgres://ronde:hunter2@127.0.0.1:1/none').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageOpenError);
    expect(String((error as Error).message)).toMatch(/cannot reach PostgreSQL/);
    expect(String((error as Error).message)).not.toContain('hunter2');
  });

  it('PG-2 numbers appends 1, 2, 3… per document, dense even when instances append at once', async () => {
    const database = await fresh();
    const [a, b] = [await open(database), await open(database)];
    const seqs = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).appendSeq('doc', new Uint8Array([i]))),
    );
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await a.appendSeq('other', new Uint8Array([1]))).toBe(1);
    expect(await a.heads(['doc', 'other', 'unknown'])).toEqual(
      new Map([
        ['doc', 40],
        ['other', 1],
      ]),
    );
  });

  it('PG-3 two instances compacting one document at once keep its state, in one row', async () => {
    const database = await fresh();
    const [a, b] = [await open(database), await open(database)];
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 50; i++) doc.getText('t').insert(i, String(i % 10));
    for (const update of updates) await a.append('doc', update);
    const appendedMeanwhile = a.append('doc', new Uint8Array([0, 0]));
    await Promise.all([a.compact('doc'), b.compact('doc'), appendedMeanwhile]);
    const rows = await b.loadSince('doc', 0);
    const first = rows[0];
    expect(first?.seq).toBeGreaterThanOrEqual(50);
    const copy = new Y.Doc();
    for (const row of rows) Y.applyUpdate(copy, row.update);
    expect(copy.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(rows.length).toBeLessThanOrEqual(2);
  });
});
