import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_DEVICE_KEYS_PER_MEMBER } from './deviceKeys.ts';
import { nameTaken } from './displayName.ts';
import {
  keyMatches,
  type AccessStore,
  type AddDeviceKeyResult,
  type ChangeResult,
  type Invite,
  type InviteRole,
  type NewMember,
  type RedeemResult,
  type RenameResult,
  type Role,
} from './accessStore.ts';
import {
  changed,
  dropsAdmin,
  newDeviceKeyRow,
  newInviteRow,
  newMemberRow,
  redeemable,
  redeemed,
  registeredAgain,
  toDeviceKey,
  toInvite,
  toMember,
  type DeviceKeyRow,
  type InviteRow,
  type MemberRow,
} from './accessRows.ts';
import { PRACTICE_MIGRATION, sqlitePracticeMarks } from './practice/sqlitePracticeMarks.ts';
import { SQLITE_FILE } from './sqliteStorage.ts';
import { StorageOpenError } from './storage.ts';

/**
 * Schema changes, applied once each, in order, and recorded in
 * `access_migrations`: starting twice, or on an older database, is safe.
 */
const MIGRATIONS: readonly { name: string; sql: string }[] = [
  {
    name: '001-members-invites',
    sql: `CREATE TABLE IF NOT EXISTS members (
      space TEXT NOT NULL,
      user_id TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'facilitator', 'member', 'observer')),
      key_hash TEXT NOT NULL,
      invite_id TEXT,
      joined_at INTEGER NOT NULL,
      PRIMARY KEY (space, user_id)
    );
    CREATE TABLE IF NOT EXISTS invites (
      id TEXT PRIMARY KEY,
      space TEXT NOT NULL,
      code TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('facilitator', 'member', 'observer')),
      created_at INTEGER NOT NULL,
      expires_at INTEGER,
      max_uses INTEGER,
      uses INTEGER NOT NULL DEFAULT 0,
      revoked_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS invites_by_space ON invites (space, created_at);`,
  },
  {
    // No foreign key to members: device keys outlive their member (KEY-5).
    name: '002-device-keys',
    sql: `CREATE TABLE IF NOT EXISTS device_keys (
      space TEXT NOT NULL,
      key_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      public_key TEXT NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (space, key_id)
    );
    CREATE INDEX IF NOT EXISTS device_keys_by_member ON device_keys (space, user_id);`,
  },
  PRACTICE_MIGRATION,
];

/**
 * The access store in the same `<dataDir>/ronde.sqlite` as the documents
 * (its own connection and tables). Writes that must be atomic (redeeming,
 * changing or removing a member) are `BEGIN IMMEDIATE` transactions, so
 * they hold the write lock from their first read, even against another
 * process on the same file.
 *
 * @example
 * const access = await openSqliteAccessStore('./data');
 */
export async function openSqliteAccessStore(dataDir: string): Promise<AccessStore> {
  const dir = resolve(dataDir);
  let db: Database.Database;
  try {
    mkdirSync(dir, { recursive: true });
    db = new Database(join(dir, SQLITE_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS access_migrations (
      name TEXT PRIMARY KEY,
      applied_at INTEGER NOT NULL
    )`);
    const applied = db.prepare<[string], { name: string }>(
      'SELECT name FROM access_migrations WHERE name = ?',
    );
    const record = db.prepare<[string, number]>(
      'INSERT INTO access_migrations (name, applied_at) VALUES (?, ?)',
    );
    for (const migration of MIGRATIONS) {
      db.transaction(() => {
        if (applied.get(migration.name)) return;
        db.exec(migration.sql);
        record.run(migration.name, Date.now());
      }).immediate();
    }
  } catch (error) {
    throw new StorageOpenError(
      `cannot open the access tables in data dir ${dir}: ${(error as Error).message}`,
      { cause: error },
    );
  }

  const insertMember = db.prepare<[string, string, string, Role, string, string | null, number]>(
    `INSERT INTO members (space, user_id, name, role, key_hash, invite_id, joined_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectMember = db.prepare<[string, string], MemberRow>(
    'SELECT * FROM members WHERE space = ? AND user_id = ?',
  );
  const selectMembers = db.prepare<[string], MemberRow>(
    'SELECT * FROM members WHERE space = ? ORDER BY joined_at, rowid',
  );
  const countAdmins = db.prepare<[string], { n: number }>(
    "SELECT COUNT(*) AS n FROM members WHERE space = ? AND role = 'admin'",
  );
  const updateRole = db.prepare<[Role, string, string]>(
    'UPDATE members SET role = ? WHERE space = ? AND user_id = ?',
  );
  const selectNames = db.prepare<[string], { userId: string; name: string }>(
    'SELECT user_id AS userId, name FROM members WHERE space = ?',
  );
  const updateName = db.prepare<[string, string, string]>(
    'UPDATE members SET name = ? WHERE space = ? AND user_id = ?',
  );
  const deleteMember = db.prepare<[string, string]>(
    'DELETE FROM members WHERE space = ? AND user_id = ?',
  );
  const insertInvite = db.prepare<
    [string, string, string, InviteRole, number, number | null, number | null]
  >(
    `INSERT INTO invites (id, space, code, role, created_at, expires_at, max_uses)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectInvite = db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE id = ?');
  const selectInviteByCode = db.prepare<[string], InviteRow>(
    'SELECT * FROM invites WHERE code = ?',
  );
  const selectInvites = db.prepare<[string], InviteRow>(
    'SELECT * FROM invites WHERE space = ? ORDER BY created_at, rowid',
  );
  const countUse = db.prepare<[string]>('UPDATE invites SET uses = uses + 1 WHERE id = ?');
  const revoke = db.prepare<[number, string, string]>(
    'UPDATE invites SET revoked_at = COALESCE(revoked_at, ?) WHERE space = ? AND id = ?',
  );

  const selectDeviceKey = db.prepare<[string, string], DeviceKeyRow>(
    'SELECT * FROM device_keys WHERE space = ? AND key_id = ?',
  );
  const selectDeviceKeys = db.prepare<[string], DeviceKeyRow>(
    'SELECT * FROM device_keys WHERE space = ? ORDER BY added_at, rowid',
  );
  const countDeviceKeys = db.prepare<[string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM device_keys WHERE space = ? AND user_id = ?',
  );
  const insertDeviceKey = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO device_keys (space, key_id, user_id, public_key, added_at)
     VALUES (?, ?, ?, ?, ?)`,
  );

  const addDeviceKey = db.transaction(
    (spaceId: string, userId: string, publicKey: string, now: number): AddDeviceKeyResult => {
      const wanted = newDeviceKeyRow(spaceId, userId, publicKey, now);
      if (wanted === null) return { ok: false, reason: 'invalid_key' };
      const existing = selectDeviceKey.get(spaceId, wanted.key_id);
      if (existing) return registeredAgain(existing, wanted);
      if ((countDeviceKeys.get(spaceId, userId)?.n ?? 0) >= MAX_DEVICE_KEYS_PER_MEMBER) {
        return { ok: false, reason: 'too_many' };
      }
      insertDeviceKey.run(
        wanted.space,
        wanted.key_id,
        wanted.user_id,
        wanted.public_key,
        wanted.added_at,
      );
      return { ok: true, key: toDeviceKey(wanted), created: true };
    },
  );

  function addMember(
    spaceId: string,
    name: string,
    role: Role,
    inviteId: string | null,
    now: number,
  ): NewMember {
    const { row, created } = newMemberRow(spaceId, name, role, inviteId, now);
    insertMember.run(
      row.space,
      row.user_id,
      row.name,
      row.role,
      row.key_hash,
      row.invite_id,
      row.joined_at,
    );
    return created;
  }

  function addInvite(
    spaceId: string,
    role: InviteRole,
    expiresAt: number | null,
    maxUses: number | null,
    now: number,
  ): Invite {
    const row = newInviteRow(spaceId, role, expiresAt, maxUses, now);
    insertInvite.run(
      row.id,
      row.space,
      row.code,
      row.role,
      row.created_at,
      row.expires_at,
      row.max_uses,
    );
    return toInvite(row);
  }

  const createSpace = db.transaction((spaceId: string, adminName: string, now: number) => {
    const admin = addMember(spaceId, adminName, 'admin', null, now);
    const invite = addInvite(spaceId, 'member', null, null, now);
    return { ...admin, invite };
  });

  const redeem = db.transaction((code: string, name: string, now: number): RedeemResult => {
    const check = redeemable(selectInviteByCode.get(code), now);
    if (!check.ok) return check;
    const { invite } = check;
    if (nameTaken(selectNames.all(invite.spaceId), name))
      return { ok: false, reason: 'name_taken' };
    countUse.run(invite.id);
    const created = addMember(invite.spaceId, name, invite.role, invite.id, now);
    return redeemed(invite, created);
  });

  const rename = db.transaction((spaceId: string, userId: string, name: string): RenameResult => {
    if (nameTaken(selectNames.all(spaceId), name, userId))
      return { ok: false, reason: 'name_taken' };
    if (updateName.run(name, spaceId, userId).changes === 0)
      return { ok: false, reason: 'not_found' };
    const row = selectMember.get(spaceId, userId);
    return row ? { ok: true, member: toMember(row) } : { ok: false, reason: 'not_found' };
  });

  /** Applies `change` unless it would leave the space without an admin. */
  function guardedChange(
    spaceId: string,
    userId: string,
    nextRole: Role | null,
    apply: () => void,
  ): ChangeResult {
    const row = selectMember.get(spaceId, userId);
    if (!row) return { ok: false, reason: 'not_found' };
    const previous = toMember(row);
    if (dropsAdmin(previous, nextRole) && (countAdmins.get(spaceId)?.n ?? 0) <= 1) {
      return { ok: false, reason: 'last_admin' };
    }
    apply();
    return changed(previous, nextRole);
  }
  const setRole = db.transaction((spaceId: string, userId: string, role: Role) =>
    guardedChange(spaceId, userId, role, () => updateRole.run(role, spaceId, userId)),
  );
  const remove = db.transaction((spaceId: string, userId: string) =>
    guardedChange(spaceId, userId, null, () => deleteMember.run(spaceId, userId)),
  );

  let closed = false;
  const open = (): void => {
    if (closed) throw new Error('the access store is closed');
  };

  return {
    ...sqlitePracticeMarks(db, open),
    async createSpace({ spaceId, adminName, now }) {
      open();
      return createSpace.immediate(spaceId, adminName, now);
    },
    async createInvite({ spaceId, role, expiresAt, maxUses, now }) {
      open();
      return addInvite(spaceId, role, expiresAt, maxUses, now);
    },
    async listInvites(spaceId) {
      open();
      return selectInvites.all(spaceId).map(toInvite);
    },
    async revokeInvite(spaceId, inviteId, now) {
      open();
      if (revoke.run(now, spaceId, inviteId).changes === 0) return null;
      const row = selectInvite.get(inviteId);
      return row ? toInvite(row) : null;
    },
    async redeemInvite(code, name, now) {
      open();
      return redeem.immediate(code, name, now);
    },
    async findInvite(code) {
      open();
      const row = selectInviteByCode.get(code);
      return row ? toInvite(row) : null;
    },
    async getMember(spaceId, userId) {
      open();
      const row = selectMember.get(spaceId, userId);
      return row ? toMember(row) : null;
    },
    async checkKey(spaceId, userId, key) {
      open();
      const row = selectMember.get(spaceId, userId);
      return row && keyMatches(key, row.key_hash) ? toMember(row) : null;
    },
    async listMembers(spaceId) {
      open();
      return selectMembers.all(spaceId).map(toMember);
    },
    async setRole(spaceId, userId, role) {
      open();
      return setRole.immediate(spaceId, userId, role);
    },
    async removeMember(spaceId, userId) {
      open();
      return remove.immediate(spaceId, userId);
    },
    async renameMember(spaceId, userId, name) {
      open();
      return rename.immediate(spaceId, userId, name);
    },
    async addDeviceKey({ spaceId, userId, publicKey, now }) {
      open();
      return addDeviceKey.immediate(spaceId, userId, publicKey, now);
    },
    async listDeviceKeys(spaceId) {
      open();
      return selectDeviceKeys.all(spaceId).map(toDeviceKey);
    },
    async getDeviceKey(spaceId, keyId) {
      open();
      const row = selectDeviceKey.get(spaceId, keyId);
      return row ? toDeviceKey(row) : null;
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
