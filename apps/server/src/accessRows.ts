import { newId } from '@ronde/domain';
import {
  hashKey,
  inviteStatus,
  newInviteCode,
  newKey,
  type AddDeviceKeyResult,
  type ChangeResult,
  type Invite,
  type InviteRole,
  type Member,
  type NewMember,
  type RedeemResult,
  type Role,
} from './accessStore.ts';
import { decodeDevicePublicKey, deviceKeyId, type DeviceKey } from './deviceKeys.ts';

// The rows of the access tables as both drivers read and write them, and the
// decisions taken on them: the SQLite and PostgreSQL stores differ only in
// their SQL and how they hold a transaction.

export interface MemberRow {
  space: string;
  user_id: string;
  name: string;
  role: Role;
  key_hash: string;
  invite_id: string | null;
  joined_at: number;
}

export interface InviteRow {
  id: string;
  space: string;
  code: string;
  role: InviteRole;
  created_at: number;
  expires_at: number | null;
  max_uses: number | null;
  uses: number;
  revoked_at: number | null;
}

export interface DeviceKeyRow {
  space: string;
  key_id: string;
  user_id: string;
  public_key: string;
  added_at: number;
}

export const toMember = (row: MemberRow): Member => ({
  spaceId: row.space,
  userId: row.user_id,
  name: row.name,
  role: row.role,
  joinedAt: row.joined_at,
  inviteId: row.invite_id,
});

export const toInvite = (row: InviteRow): Invite => ({
  id: row.id,
  spaceId: row.space,
  code: row.code,
  role: row.role,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  maxUses: row.max_uses,
  uses: row.uses,
  revokedAt: row.revoked_at,
});

export const toDeviceKey = (row: DeviceKeyRow): DeviceKey => ({
  keyId: row.key_id,
  spaceId: row.space,
  userId: row.user_id,
  publicKey: row.public_key,
  addedAt: row.added_at,
});

/**
 * A new member's row (a fresh user id, only the key's hash stored) and what
 * joining answers: the member and the key only their device will hold.
 *
 * @example
 * const { row, created } = newMemberRow('space-1', 'Ada', 'admin', null, Date.now());
 * // insert row's fields, then return created
 */
export function newMemberRow(
  spaceId: string,
  name: string,
  role: Role,
  inviteId: string | null,
  now: number,
): { row: MemberRow; created: NewMember } {
  const key = newKey();
  const row: MemberRow = {
    space: spaceId,
    user_id: newId(),
    name,
    role,
    key_hash: hashKey(key),
    invite_id: inviteId,
    joined_at: now,
  };
  return { row, created: { member: toMember(row), key } };
}

/**
 * A new invite's row: a fresh id and code, not used yet, not revoked.
 *
 * @example
 * const row = newInviteRow('space-1', 'member', null, null, Date.now());
 */
export function newInviteRow(
  spaceId: string,
  role: InviteRole,
  expiresAt: number | null,
  maxUses: number | null,
  now: number,
): InviteRow {
  return {
    id: newId(),
    space: spaceId,
    code: newInviteCode(),
    role,
    created_at: now,
    expires_at: expiresAt,
    max_uses: maxUses,
    uses: 0,
    revoked_at: null,
  };
}

/**
 * Whether the invite found by a code (or none) may be redeemed at `now`;
 * the refusal is the redemption's answer as it is.
 *
 * @example
 * const check = redeemable(row, now);
 * if (!check.ok) return check;
 */
export function redeemable(
  row: InviteRow | null | undefined,
  now: number,
): { ok: true; invite: Invite } | Extract<RedeemResult, { ok: false }> {
  if (!row) return { ok: false, reason: 'unknown' };
  const invite = toInvite(row);
  const status = inviteStatus(invite, now);
  if (status !== 'active') return { ok: false, reason: status };
  return { ok: true, invite };
}

/**
 * A redemption's answer once its use is counted and its member added.
 *
 * @example
 * return redeemed(check.invite, created);
 */
export function redeemed(invite: Invite, created: NewMember): RedeemResult {
  return { ok: true, invite: { ...invite, uses: invite.uses + 1 }, ...created };
}

/**
 * Whether changing `previous` to `nextRole` (`null`: removing them) takes
 * an admin away, so the admins must be counted first: the last one stays.
 *
 * @example
 * if (dropsAdmin(previous, null) && admins <= 1) return { ok: false, reason: 'last_admin' };
 */
export function dropsAdmin(previous: Member, nextRole: Role | null): boolean {
  return previous.role === 'admin' && nextRole !== 'admin';
}

/**
 * A role change's or removal's answer once it is applied.
 *
 * @example
 * return changed(previous, 'facilitator');
 */
export function changed(previous: Member, nextRole: Role | null): ChangeResult {
  return { ok: true, previous, member: { ...previous, role: nextRole ?? previous.role } };
}

/**
 * The row a device key would be stored as, or `null` when the key is not
 * a valid public key (its id is taken from its bytes).
 *
 * @example
 * const row = newDeviceKeyRow('space-1', 'user-1', publicKey, Date.now());
 * if (row === null) return { ok: false, reason: 'invalid_key' };
 */
export function newDeviceKeyRow(
  spaceId: string,
  userId: string,
  publicKey: string,
  now: number,
): DeviceKeyRow | null {
  const raw = decodeDevicePublicKey(publicKey);
  if (raw === null) return null;
  return {
    space: spaceId,
    key_id: deviceKeyId(raw),
    user_id: userId,
    public_key: publicKey,
    added_at: now,
  };
}

/**
 * What registering `wanted` answers when a key with its id is stored already:
 * the stored key if it is the same member's same key, a refusal otherwise.
 *
 * @example
 * if (existing) return registeredAgain(existing, wanted);
 */
export function registeredAgain(existing: DeviceKeyRow, wanted: DeviceKeyRow): AddDeviceKeyResult {
  // A key id is 132 bits of the key's hash: the same id with other bytes is refused too.
  if (existing.user_id !== wanted.user_id || existing.public_key !== wanted.public_key) {
    return { ok: false, reason: 'invalid_key' };
  }
  return { ok: true, key: toDeviceKey(existing), created: false };
}
