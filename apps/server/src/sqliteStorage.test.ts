import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE, openSqliteStorage } from './sqliteStorage.ts';
import { StorageOpenError, type Storage } from './storage.ts';
import { runStorageContract } from './storage.contract.ts';
import { runBackupStorageContract } from './backupStorage.contract.ts';

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

runBackupStorageContract('sqlite', async () => {
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
    const storage = await openSqliteStorage(dir(), { maxPageCount: 12 });
    stores.push(storage);
    await storage.append('doc', new Uint8Array([1, 2, 3]));
    const big = new Uint8Array(64 * 1024);
    await expect(storage.append('doc', big)).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(await storage.load('doc')).toEqual([new Uint8Array([1, 2, 3])]);
  });

  it('STORE-3 appends made in one tick, to many documents, share one commit', async () => {
    const commits: number[] = [];
    const storage = await openSqliteStorage(dir(), { onCommit: (n) => commits.push(n) });
    stores.push(storage);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => storage.append(`doc-${i}`, new Uint8Array([i]))),
    );
    expect(commits).toEqual([50]);
    await storage.append('doc-0', new Uint8Array([9]));
    expect(commits).toEqual([50, 1]);
    expect((await storage.load('doc-0')).map((u) => Array.from(u))).toEqual([[0], [9]]);
  });

  it('STORE-1 an append is not resolved before its commit: another connection sees it once it resolves', async () => {
    const dataDir = dir();
    const storage = await openSqliteStorage(dataDir);
    stores.push(storage);
    const reader = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
    const count = (): number =>
      (reader.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n;
    let resolved = false;
    const appended = storage.append('doc', new Uint8Array([1])).then(() => {
      resolved = true;
      return count();
    });
    expect(count()).toBe(0);
    expect(resolved).toBe(false);
    expect(await appended).toBe(1);
    reader.close();
  });

  it('STORE-4 a failed commit rejects every append of its batch and stores none of them', async () => {
    const storage = await openSqliteStorage(dir(), { maxPageCount: 12 });
    stores.push(storage);
    await storage.append('doc-a', new Uint8Array([1]));
    const small = storage.append('doc-b', new Uint8Array([2]));
    const big = storage.append('doc-a', new Uint8Array(64 * 1024));
    const other = storage.append('doc-c', new Uint8Array([3]));
    const results = await Promise.allSettled([small, big, other]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results[0]).toMatchObject({ reason: { code: 'SQLITE_FULL' } });
    expect((await storage.load('doc-a')).map((u) => Array.from(u))).toEqual([[1]]);
    expect(await storage.load('doc-b')).toEqual([]);
    expect(await storage.load('doc-c')).toEqual([]);
    // The store goes on: the next batch commits.
    await storage.append('doc-b', new Uint8Array([4]));
    expect((await storage.load('doc-b')).map((u) => Array.from(u))).toEqual([[4]]);
  });

  it('STORE-7 once commits are slow, a batch of two or more commits off the event loop (a lone append, on it)', async () => {
    const dataDir = dir();
    const commits: string[] = [];
    // Every commit counts as slow.
    const storage = await openSqliteStorage(dataDir, {
      onCommit: (n, on) => commits.push(`${n} ${on}`),
      loopCommitMaxMs: 0,
    });
    stores.push(storage);
    await storage.append('doc', new Uint8Array([0])); // a lone append: on the loop
    const blocker = new Database(join(dataDir, SQLITE_FILE));
    blocker.exec('BEGIN IMMEDIATE');
    const done: number[] = [];
    const both = [1, 2].map((byte) =>
      storage.append('doc', new Uint8Array([byte])).then(() => done.push(byte)),
    );
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    // The loop turned while the commit waited for the lock; on the loop itself it could not have.
    expect(done).toEqual([]);
    blocker.exec('ROLLBACK');
    blocker.close();
    await Promise.all(both);
    expect(done).toEqual([1, 2]);
    expect(commits).toEqual(['1 loop', '2 thread']);
  });

  it('STORE-7 while commits are fast every batch commits on the event loop; once they are slower than the limit, on the thread', async () => {
    const commits: string[] = [];
    // A limit no real commit stays under: the moving average passes it after the first commit.
    const storage = await openSqliteStorage(dir(), {
      onCommit: (n, on) => commits.push(`${n} ${on}`),
      loopCommitMaxMs: 1e-9,
    });
    stores.push(storage);
    const batch = (bytes: number[]): Promise<void[]> =>
      Promise.all(bytes.map((byte) => storage.append('doc', new Uint8Array([byte]))));
    await batch([1, 2]); // no commit measured yet: fast
    await batch([3, 4]); // slower than the limit: the thread
    await batch([5]); // a lone append: the loop, however slow
    expect(commits).toEqual(['2 loop', '2 thread', '1 loop']);
    expect((await storage.load('doc')).map((u) => Array.from(u))).toEqual([
      [1],
      [2],
      [3],
      [4],
      [5],
    ]);
  });

  it('STORE-7 while a batch is on the commit thread, what is appended forms the next batch', async () => {
    const dataDir = dir();
    const commits: number[] = [];
    const storage = await openSqliteStorage(dataDir, {
      onCommit: (n) => commits.push(n),
      threadFrom: 1,
      loopCommitMaxMs: 0,
    });
    stores.push(storage);
    // Another connection holds the write lock: the commit thread waits for it (busy_timeout).
    const blocker = new Database(join(dataDir, SQLITE_FILE));
    blocker.exec('BEGIN IMMEDIATE');
    const done: string[] = [];
    const first = storage.append('doc', new Uint8Array([1])).then(() => done.push('first'));
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    // The loop turned while the commit waited; on the loop itself it could not have.
    expect(done).toEqual([]);
    const rest = [2, 3].map((byte) =>
      storage.append('doc', new Uint8Array([byte])).then(() => done.push(String(byte))),
    );
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual([]);
    blocker.exec('ROLLBACK');
    blocker.close();
    await Promise.all([first, ...rest]);
    expect(done).toEqual(['first', '2', '3']);
    expect(commits).toEqual([1, 2]);
    expect((await storage.load('doc')).map((u) => Array.from(u))).toEqual([[1], [2], [3]]);
  });

  it('STORE-5 any other call commits the waiting appends first: calls take effect in call order', async () => {
    const commits: number[] = [];
    const storage = await openSqliteStorage(dir(), { onCommit: (n) => commits.push(n) });
    stores.push(storage);
    const appended = storage.append('doc', new Uint8Array([1]));
    const loaded = storage.load('doc');
    expect((await loaded).map((u) => Array.from(u))).toEqual([[1]]);
    await appended;
    const last = storage.append('doc', new Uint8Array([2]));
    await storage.close();
    await last;
    expect(commits).toEqual([1, 1]);
    stores.splice(stores.indexOf(storage), 1);
  });
});
