import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.ts';
import { runAccessStoreContract } from './accessStore.contract.ts';
import { openSqliteAccessStore } from './sqliteAccessStore.ts';
import { SQLITE_FILE, openSqliteStorage } from './sqliteStorage.ts';

runAccessStoreContract('sqlite', async () => {
  const dir = tempDir('ronde-access-');
  return {
    open: () => openSqliteAccessStore(join(dir.path, 'data')),
    cleanup: async () => dir.remove(),
  };
});

describe('sqliteAccessStore', () => {
  const dirs: { remove: () => void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('shares ronde.sqlite with the document store, keys stored only as hashes', async () => {
    const dir = tempDir('ronde-access-');
    dirs.push(dir);
    const storage = await openSqliteStorage(dir.path);
    const access = await openSqliteAccessStore(dir.path);
    const { key, member } = await access.createSpace({
      spaceId: 'spShared1',
      adminName: 'A',
      now: 1,
    });
    await storage.append('doc', new Uint8Array([1]));
    await access.close();
    await storage.close();
    const db = new Database(join(dir.path, SQLITE_FILE), { readonly: true });
    const row = db.prepare('SELECT * FROM members WHERE user_id = ?').get(member.userId) as Record<
      string,
      unknown
    >;
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key);
    expect(db.prepare('SELECT COUNT(*) AS n FROM updates').get()).toEqual({ n: 1 });
    db.close();
  });

  it('migrates idempotently: opening twice applies each migration once', async () => {
    const dir = tempDir('ronde-access-');
    dirs.push(dir);
    await (await openSqliteAccessStore(dir.path)).close();
    await (await openSqliteAccessStore(dir.path)).close();
    const db = new Database(join(dir.path, SQLITE_FILE), { readonly: true });
    expect(db.prepare('SELECT name FROM access_migrations').all()).toEqual([
      { name: '001-members-invites' },
    ]);
    db.close();
  });
});
