import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.ts';
import { runAccessStoreContract, runPracticeStoreContract } from './accessStore.contract.ts';
import { openSqliteAccessStore } from './sqliteAccessStore.ts';
import { SQLITE_FILE, openSqliteStorage } from './sqliteStorage.ts';

runAccessStoreContract('sqlite', async () => {
  const dir = tempDir('ronde-access-');
  return {
    open: () => openSqliteAccessStore(join(dir.path, 'data')),
    cleanup: async () => dir.remove(),
  };
});

runPracticeStoreContract('sqlite', async () => {
  const dir = tempDir('ronde-practice-');
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
      { name: '002-device-keys' },
      { name: '003-practice-spaces' },
    ]);
    db.close();
  });

  it('KEY-5 adds the device key table to a database made before it, keeping its members', async () => {
    const dir = tempDir('ronde-access-');
    dirs.push(dir);
    const first = await openSqliteAccessStore(dir.path);
    const { member } = await first.createSpace({ spaceId: 'spOld00001', adminName: 'A', now: 1 });
    await first.close();
    const db = new Database(join(dir.path, SQLITE_FILE));
    db.exec("DROP TABLE device_keys; DELETE FROM access_migrations WHERE name = '002-device-keys'");
    db.close();
    const again = await openSqliteAccessStore(dir.path);
    expect(await again.getMember('spOld00001', member.userId)).toEqual(member);
    const { publicKey } = generateKeyPairSync('ed25519');
    const added = await again.addDeviceKey({
      spaceId: 'spOld00001',
      userId: member.userId,
      publicKey: publicKey.export({ format: 'jwk' }).x ?? '',
      now: 2,
    });
    expect(added).toMatchObject({ ok: true, created: true });
    await again.close();
  });
});
