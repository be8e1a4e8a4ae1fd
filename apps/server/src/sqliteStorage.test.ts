import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE, openSqliteStorage } from './sqliteStorage.ts';
import { StorageOpenError, type Storage } from './storage.ts';
import { runStorageContract } from './storage.contract.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ronde-sqlite-'));
}

runStorageContract('sqlite', async () => {
  const dir = tempDir();
  return {
    open: () => openSqliteStorage(join(dir, 'data')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('sqliteStorage', () => {
  const dirs: string[] = [];
  const stores: Storage[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };

  it('creates the data dir and a WAL-mode database file in it', async () => {
    const dataDir = join(dir(), 'nested', 'data');
    const storage = await openSqliteStorage(dataDir);
    stores.push(storage);
    await storage.append('doc', new Uint8Array([1]));
    const db = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('gives a clear error when the data dir cannot be created', async () => {
    const file = join(dir(), 'not-a-dir');
    writeFileSync(file, 'x');
    await expect(openSqliteStorage(join(file, 'data'))).rejects.toThrow(StorageOpenError);
    await expect(openSqliteStorage(join(file, 'data'))).rejects.toThrow(
      /cannot open the database in data dir .*not-a-dir/,
    );
  });

  it('rejects an append with SQLITE_FULL when the disk is full, keeping earlier data', async () => {
    const storage = await openSqliteStorage(dir(), { maxPageCount: 8 });
    stores.push(storage);
    await storage.append('doc', new Uint8Array([1, 2, 3]));
    const big = new Uint8Array(64 * 1024);
    await expect(storage.append('doc', big)).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(await storage.load('doc')).toEqual([new Uint8Array([1, 2, 3])]);
  });
});
