import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeviceKey } from './deviceKeys.ts';
import type { Role } from './tokens.ts';

export type { DeviceKey, Role };
/** Invites never make admins: an admin promotes a member instead. */
export type InviteRole = Exclude<Role, 'admin'>;
export const INVITE_ROLES = ['facilitator', 'member', 'observer'] as const;

export interface Member {
  readonly spaceId: string;
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  /** Epoch ms. */
  readonly joinedAt: number;
  /** The invite redeemed to join; `null` for the space's creator. */
  readonly inviteId: string | null;
}

export interface Invite {
  readonly id: string;
  readonly spaceId: string;
  /**
   * The secret code of the join link. Unlike membership keys it is kept in
   * clear, so an admin can copy a link again later; it only lets someone
   * join, which the admin can stop by revoking the invite.
   */
  readonly code: string;
  readonly role: InviteRole;
  readonly createdAt: number;
  /** Epoch ms, or `null` for no expiry. */
  readonly expiresAt: number | null;
  /** `null` for no limit. */
  readonly maxUses: number | null;
  readonly uses: number;
  readonly revokedAt: number | null;
}

export type InviteStatus = 'active' | 'expired' | 'used_up' | 'revoked';

/** A new member and the membership key only their device will ever hold. */
export interface NewMember {
  readonly member: Member;
  readonly key: string;
}

export type RedeemResult =
  | ({ readonly ok: true; readonly invite: Invite } & NewMember)
  | {
      readonly ok: false;
      readonly reason: 'unknown' | 'name_taken' | Exclude<InviteStatus, 'active'>;
    };

export type RenameResult =
  | { readonly ok: true; readonly member: Member }
  | { readonly ok: false; readonly reason: 'not_found' | 'name_taken' };

export type AddDeviceKeyResult =
  | { readonly ok: true; readonly key: DeviceKey; readonly created: boolean }
  | { readonly ok: false; readonly reason: 'too_many' | 'invalid_key' };

export type ChangeResult =
  | { readonly ok: true; readonly member: Member; readonly previous: Member }
  | { readonly ok: false; readonly reason: 'not_found' | 'last_admin' };

/** A practice space (SPEC PRACTICE): its meeting, its process and its scripted members. */
export interface PracticeSpace {
  readonly spaceId: string;
  readonly meetingId: string;
  readonly proposalId: string;
  readonly process: 'consent' | 'idm';
  /** The language of its sample texts and bots' names. */
  readonly language: 'en' | 'fr';
  readonly bots: readonly { readonly userId: string; readonly name: string }[];
  readonly createdAt: number;
}

/**
 * The practice mark kept with a space (PRACTICE-1, PRACTICE-7); a store
 * without it refuses practice spaces. Passes `runPracticeStoreContract`.
 */
export interface PracticeMarks {
  markPractice(space: PracticeSpace): Promise<void>;
  getPractice(spaceId: string): Promise<PracticeSpace | null>;
  /** Every practice space, oldest first. */
  listPractice(): Promise<PracticeSpace[]>;
  /**
   * Deletes the whole space at once: members, invites, device keys and its
   * practice mark (a deleted space has no history left to verify, KEY-5).
   */
  deleteSpace(spaceId: string): Promise<void>;
}

/**
 * Members, invites and membership keys (docs/trust-api.md). Promise-based
 * like `Storage`, so a networked store can implement it; every
 * implementation must pass `runAccessStoreContract`. Removed members are
 * gone for good: their key dies with them.
 */
export interface AccessStore extends Partial<PracticeMarks> {
  /**
   * In one transaction: the space's first admin (with a key) and its default
   * invite (member role, no expiry, no use limit).
   */
  createSpace(input: {
    spaceId: string;
    adminName: string;
    now: number;
  }): Promise<NewMember & { invite: Invite }>;
  createInvite(input: {
    spaceId: string;
    role: InviteRole;
    expiresAt: number | null;
    maxUses: number | null;
    now: number;
  }): Promise<Invite>;
  /** Oldest first. */
  listInvites(spaceId: string): Promise<Invite[]>;
  /** Marks it revoked (keeps the first revocation time); `null` if unknown in this space. */
  revokeInvite(spaceId: string, inviteId: string, now: number): Promise<Invite | null>;
  /**
   * Atomically: checks the invite is active and that no member of its space
   * goes by `name` (NAME-7, `nameTaken`; `name_taken`, nothing used), counts
   * one use, creates the member. Two redemptions of a last use, or under one
   * name: exactly one succeeds.
   */
  redeemInvite(code: string, name: string, now: number): Promise<RedeemResult>;
  /**
   * The invite with this code whatever its status, `null` if none; counts
   * nothing (the join screen's preview, INVITE-1).
   */
  findInvite(code: string): Promise<Invite | null>;
  getMember(spaceId: string, userId: string): Promise<Member | null>;
  /** The member if `key` is theirs (compared as SHA-256 digests, in constant time). */
  checkKey(spaceId: string, userId: string, key: string): Promise<Member | null>;
  /** Oldest first. */
  listMembers(spaceId: string): Promise<Member[]>;
  /** Refuses to demote the last admin. */
  setRole(spaceId: string, userId: string, role: Role): Promise<ChangeResult>;
  /**
   * Sets a member's display name (already normalised, NAME-1…3), unless
   * another member of the space goes by it (NAME-7, atomically); the member
   * after the change (NAME-5).
   */
  renameMember(spaceId: string, userId: string, name: string): Promise<RenameResult>;
  /**
   * Deletes the member and their membership key; refuses to remove the last
   * admin. Their device keys stay (KEY-5).
   */
  removeMember(spaceId: string, userId: string): Promise<ChangeResult>;
  /**
   * Registers a device's Ed25519 public key (base64url, raw 32 bytes) for a
   * member, atomically (docs/legitimacy.md §2): `invalid_key` unless it
   * decodes and imports (KEY-2) or when another member of the space has it
   * (KEY-6); the same key for the same member again changes nothing
   * (`created: false`, KEY-6); `too_many` past
   * `MAX_DEVICE_KEYS_PER_MEMBER` (KEY-3). The caller checks membership.
   */
  addDeviceKey(input: {
    spaceId: string;
    userId: string;
    publicKey: string;
    now: number;
  }): Promise<AddDeviceKeyResult>;
  /** Every device key of the space, removed members' too, oldest first. */
  listDeviceKeys(spaceId: string): Promise<DeviceKey[]>;
  getDeviceKey(spaceId: string, keyId: string): Promise<DeviceKey | null>;
  close(): Promise<void>;
}

/** The invite's state at `now`; revocation wins over expiry, expiry over use. */
export function inviteStatus(invite: Invite, now: number): InviteStatus {
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.expiresAt !== null && now >= invite.expiresAt) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used_up';
  return 'active';
}

/** 256 bits, base64url: a membership key. */
export function newKey(): string {
  return randomBytes(32).toString('base64url');
}

/** 144 bits, base64url: an invite code (short enough for a link, far beyond guessing). */
export function newInviteCode(): string {
  return randomBytes(18).toString('base64url');
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares a presented key with a stored hash in constant time. */
export function keyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
