import type pg from 'pg';
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
import { migrate, openPgPool, transaction } from './pgPool.ts';
import { PG_PRACTICE_MIGRATION, pgPracticeMarks } from './practice/pgPracticeMarks.ts';

const MIGRATIONS = [
  {
    // `ord` keeps insertion order for "oldest first" lists (SQLite's rowid).
    name: 'access-001',
    sql: `CREATE TABLE members (
      space TEXT NOT NULL,
      user_id TEXT NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'facilitator', 'member', 'observer')),
      key_hash TEXT NOT NULL,
      invite_id TEXT,
      joined_at BIGINT NOT NULL,
      ord BIGSERIAL,
      PRIMARY KEY (space, user_id)
    );
    CREATE TABLE invites (
      id TEXT PRIMARY KEY,
      space TEXT NOT NULL,
      code TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('facilitator', 'member', 'observer')),
      created_at BIGINT NOT NULL,
      expires_at BIGINT,
      max_uses INTEGER,
      uses INTEGER NOT NULL DEFAULT 0,
      revoked_at BIGINT,
      ord BIGSERIAL
    );
    CREATE INDEX invites_by_space ON invites (space, created_at);
    CREATE TABLE device_keys (
      space TEXT NOT NULL,
      key_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      public_key TEXT NOT NULL,
      added_at BIGINT NOT NULL,
      ord BIGSERIAL,
      PRIMARY KEY (space, key_id)
    );
    CREATE INDEX device_keys_by_member ON device_keys (space, user_id);`,
  },
  PG_PRACTICE_MIGRATION,
] as const;

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Serialises transactions that read-then-write one space's members or keys, across instances. */
async function lockSpace(client: Queryable, what: string, spaceId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `ronde.${what}:${spaceId}`,
  ]);
}

/**
 * The access store on PostgreSQL (SPEC PG-4): the same tables and guarantees
 * as SQLite's. Redeeming locks the invite's row (`FOR UPDATE`), so of two
 * redemptions of a last use exactly one succeeds; role changes, removals and
 * device key registrations hold an advisory lock per space for their
 * transaction, so the last admin stays and a member never gets more than
 * `MAX_DEVICE_KEYS_PER_MEMBER` keys, whichever instances the requests reach.
 *
 * @example
 * const access = await openPgAccessStore('postgres://postgres@127.0.0.1:5432/ronde');
 */
export async function openPgAccessStore(url: string): Promise<AccessStore> {
  const pool = await openPgPool(url, 'access store', 4);
  try {
    await migrate(pool, MIGRATIONS);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  let closed = false;
  const open = (): void => {
    if (closed) throw new Error('the access store is closed');
  };

  /**
   * NAME-7 inside a transaction: takes the space's name lock (held to its
   * end, so two instances naming two members alike take turns), then
   * whether a member other than `self` goes by `name`.
   */
  async function nameTakenIn(
    client: Queryable,
    spaceId: string,
    name: string,
    self?: string,
  ): Promise<boolean> {
    if (name === '') return false;
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('ronde:names:' || $1, 0))", [
      spaceId,
    ]);
    const { rows } = await client.query<{ userId: string; name: string }>(
      'SELECT user_id AS "userId", name FROM members WHERE space = $1',
      [spaceId],
    );
    return nameTaken(rows, name, self);
  }

  async function addMember(
    client: Queryable,
    spaceId: string,
    name: string,
    role: Role,
    inviteId: string | null,
    now: number,
  ): Promise<NewMember> {
    const { row, created } = newMemberRow(spaceId, name, role, inviteId, now);
    await client.query(
      `INSERT INTO members (space, user_id, name, role, key_hash, invite_id, joined_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.space, row.user_id, row.name, row.role, row.key_hash, row.invite_id, row.joined_at],
    );
    return created;
  }

  async function addInvite(
    client: Queryable,
    spaceId: string,
    role: InviteRole,
    expiresAt: number | null,
    maxUses: number | null,
    now: number,
  ): Promise<Invite> {
    const row = newInviteRow(spaceId, role, expiresAt, maxUses, now);
    await client.query(
      `INSERT INTO invites (id, space, code, role, created_at, expires_at, max_uses)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, row.space, row.code, row.role, row.created_at, row.expires_at, row.max_uses],
    );
    return toInvite(row);
  }

  async function selectMember(
    client: Queryable,
    spaceId: string,
    userId: string,
  ): Promise<MemberRow | null> {
    const { rows } = await client.query<MemberRow>(
      'SELECT * FROM members WHERE space = $1 AND user_id = $2',
      [spaceId, userId],
    );
    return rows[0] ?? null;
  }

  /** Applies `apply` unless it would leave the space without an admin. */
  async function guardedChange(
    spaceId: string,
    userId: string,
    nextRole: Role | null,
    apply: (client: Queryable) => Promise<unknown>,
  ): Promise<ChangeResult> {
    open();
    return transaction(pool, async (client) => {
      await lockSpace(client, 'members', spaceId);
      const row = await selectMember(client, spaceId, userId);
      if (!row) return { ok: false, reason: 'not_found' };
      const previous = toMember(row);
      if (dropsAdmin(previous, nextRole)) {
        const { rows } = await client.query<{ n: number }>(
          "SELECT COUNT(*)::int AS n FROM members WHERE space = $1 AND role = 'admin'",
          [spaceId],
        );
        if ((rows[0]?.n ?? 0) <= 1) return { ok: false, reason: 'last_admin' };
      }
      await apply(client);
      return changed(previous, nextRole);
    });
  }

  async function getDeviceKey(
    client: Queryable,
    spaceId: string,
    keyId: string,
  ): Promise<DeviceKeyRow | null> {
    const { rows } = await client.query<DeviceKeyRow>(
      'SELECT * FROM device_keys WHERE space = $1 AND key_id = $2',
      [spaceId, keyId],
    );
    return rows[0] ?? null;
  }

  return {
    ...pgPracticeMarks(pool, open),
    async createSpace({ spaceId, adminName, now }) {
      open();
      return transaction(pool, async (client) => {
        await lockSpace(client, 'members', spaceId);
        const admin = await addMember(client, spaceId, adminName, 'admin', null, now);
        const invite = await addInvite(client, spaceId, 'member', null, null, now);
        return { ...admin, invite };
      });
    },
    async createInvite({ spaceId, role, expiresAt, maxUses, now }) {
      open();
      return addInvite(pool, spaceId, role, expiresAt, maxUses, now);
    },
    async listInvites(spaceId) {
      open();
      const { rows } = await pool.query<InviteRow>(
        'SELECT * FROM invites WHERE space = $1 ORDER BY created_at, ord',
        [spaceId],
      );
      return rows.map(toInvite);
    },
    async revokeInvite(spaceId, inviteId, now) {
      open();
      const { rows } = await pool.query<InviteRow>(
        `UPDATE invites SET revoked_at = COALESCE(revoked_at, $1)
         WHERE space = $2 AND id = $3 RETURNING *`,
        [now, spaceId, inviteId],
      );
      return rows[0] ? toInvite(rows[0]) : null;
    },
    async redeemInvite(code, name, now): Promise<RedeemResult> {
      open();
      return transaction(pool, async (client) => {
        // The row lock makes concurrent redemptions of one invite take turns.
        const { rows } = await client.query<InviteRow>(
          'SELECT * FROM invites WHERE code = $1 FOR UPDATE',
          [code],
        );
        const check = redeemable(rows[0], now);
        if (!check.ok) return check;
        const { invite } = check;
        if (await nameTakenIn(client, invite.spaceId, name)) {
          return { ok: false, reason: 'name_taken' };
        }
        await client.query('UPDATE invites SET uses = uses + 1 WHERE id = $1', [invite.id]);
        const created = await addMember(client, invite.spaceId, name, invite.role, invite.id, now);
        return redeemed(invite, created);
      });
    },
    async findInvite(code) {
      open();
      const { rows } = await pool.query<InviteRow>('SELECT * FROM invites WHERE code = $1', [code]);
      return rows[0] ? toInvite(rows[0]) : null;
    },
    async getMember(spaceId, userId) {
      open();
      const row = await selectMember(pool, spaceId, userId);
      return row ? toMember(row) : null;
    },
    async renameMember(spaceId, userId, name): Promise<RenameResult> {
      open();
      return transaction(pool, async (client) => {
        if (await nameTakenIn(client, spaceId, name, userId)) {
          return { ok: false, reason: 'name_taken' };
        }
        const { rows } = await client.query<MemberRow>(
          'UPDATE members SET name = $1 WHERE space = $2 AND user_id = $3 RETURNING *',
          [name, spaceId, userId],
        );
        return rows[0]
          ? { ok: true, member: toMember(rows[0]) }
          : { ok: false, reason: 'not_found' };
      });
    },
    async checkKey(spaceId, userId, key) {
      open();
      const row = await selectMember(pool, spaceId, userId);
      return row && keyMatches(key, row.key_hash) ? toMember(row) : null;
    },
    async listMembers(spaceId) {
      open();
      const { rows } = await pool.query<MemberRow>(
        'SELECT * FROM members WHERE space = $1 ORDER BY joined_at, ord',
        [spaceId],
      );
      return rows.map(toMember);
    },
    setRole(spaceId, userId, role) {
      return guardedChange(spaceId, userId, role, (client) =>
        client.query('UPDATE members SET role = $1 WHERE space = $2 AND user_id = $3', [
          role,
          spaceId,
          userId,
        ]),
      );
    },
    removeMember(spaceId, userId) {
      return guardedChange(spaceId, userId, null, (client) =>
        client.query('DELETE FROM members WHERE space = $1 AND user_id = $2', [spaceId, userId]),
      );
    },
    async addDeviceKey({ spaceId, userId, publicKey, now }): Promise<AddDeviceKeyResult> {
      open();
      const wanted = newDeviceKeyRow(spaceId, userId, publicKey, now);
      if (wanted === null) return { ok: false, reason: 'invalid_key' };
      return transaction(pool, async (client) => {
        await lockSpace(client, 'devices', spaceId);
        const existing = await getDeviceKey(client, spaceId, wanted.key_id);
        if (existing) return registeredAgain(existing, wanted);
        const { rows } = await client.query<{ n: number }>(
          'SELECT COUNT(*)::int AS n FROM device_keys WHERE space = $1 AND user_id = $2',
          [spaceId, userId],
        );
        if ((rows[0]?.n ?? 0) >= MAX_DEVICE_KEYS_PER_MEMBER) {
          return { ok: false, reason: 'too_many' };
        }
        await client.query(
          `INSERT INTO device_keys (space, key_id, user_id, public_key, added_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [wanted.space, wanted.key_id, wanted.user_id, wanted.public_key, wanted.added_at],
        );
        return { ok: true, key: toDeviceKey(wanted), created: true };
      });
    },
    async listDeviceKeys(spaceId) {
      open();
      const { rows } = await pool.query<DeviceKeyRow>(
        'SELECT * FROM device_keys WHERE space = $1 ORDER BY added_at, ord',
        [spaceId],
      );
      return rows.map(toDeviceKey);
    },
    async getDeviceKey(spaceId, keyId) {
      open();
      const row = await getDeviceKey(pool, spaceId, keyId);
      return row ? toDeviceKey(row) : null;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
