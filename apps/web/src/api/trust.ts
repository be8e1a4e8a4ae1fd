import { apiJson, ApiError, asRecord, toEpochMs } from './http.ts';

/** A role in a space (docs/trust-api.md). */
export type SpaceRole = 'admin' | 'facilitator' | 'member' | 'observer';
export const SPACE_ROLES: readonly SpaceRole[] = ['admin', 'facilitator', 'member', 'observer'];
/** The roles an invite may give (never admin). */
export const INVITE_ROLES: readonly SpaceRole[] = ['facilitator', 'member', 'observer'];

export function isSpaceRole(value: unknown): value is SpaceRole {
  return typeof value === 'string' && (SPACE_ROLES as readonly string[]).includes(value);
}

/** A session token and when it expires (epoch ms, server clock). */
export interface SessionGrant {
  readonly token: string;
  readonly expiresAt: number;
}

/** What the device keeps of a member: who, their secret key, and a session. */
export interface MemberGrant {
  readonly userId: string;
  readonly key: string;
  readonly role: SpaceRole;
  readonly name: string;
}

export interface InviteInfo {
  readonly id: string;
  readonly code: string;
  readonly link: string;
  readonly role: SpaceRole;
  readonly createdAt: number | null;
  readonly expiresAt: number | null;
  readonly maxUses: number | null;
  readonly uses: number;
  readonly revokedAt: number | null;
  readonly status: string;
  readonly joined: readonly { userId: string; name: string; joinedAt: number | null }[];
}

export interface MemberInfo {
  readonly userId: string;
  readonly name: string;
  readonly role: SpaceRole;
  readonly joinedAt: number | null;
  readonly inviteId: string | null;
}

const unexpected = (): ApiError => new ApiError('server', 200, 'unexpected', 'unexpected answer');

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function parseSession(value: unknown): SessionGrant {
  const r = asRecord(value);
  const expiresAt = toEpochMs(r?.expiresAt);
  if (!r || !str(r.token) || expiresAt === null) throw unexpected();
  return { token: str(r.token), expiresAt };
}

export function parseMember(value: unknown, key?: string): MemberGrant {
  const r = asRecord(value);
  const k = key ?? str(r?.key);
  if (!r || !str(r.userId) || !k || !isSpaceRole(r.role)) throw unexpected();
  return { userId: str(r.userId), key: k, role: r.role, name: str(r.name) };
}

/** The link of an invite, absolute (the server may send a path). */
export function absoluteLink(link: string, code: string): string {
  const base = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;
  return new URL(link || `/join/${encodeURIComponent(code)}`, base).href;
}

export function parseInvite(value: unknown): InviteInfo {
  const r = asRecord(value);
  if (!r || !str(r.id) || !isSpaceRole(r.role)) throw unexpected();
  const joined = Array.isArray(r.joined) ? r.joined : [];
  return {
    id: str(r.id),
    code: str(r.code),
    link: absoluteLink(str(r.link), str(r.code)),
    role: r.role,
    createdAt: toEpochMs(r.createdAt),
    expiresAt: toEpochMs(r.expiresAt),
    maxUses: typeof r.maxUses === 'number' ? r.maxUses : null,
    uses: typeof r.uses === 'number' ? r.uses : 0,
    revokedAt: toEpochMs(r.revokedAt),
    status: str(r.status) || (r.revokedAt ? 'revoked' : 'active'),
    joined: joined.map((j) => {
      const jr = asRecord(j);
      return { userId: str(jr?.userId), name: str(jr?.name), joinedAt: toEpochMs(jr?.joinedAt) };
    }),
  };
}

export function parseMemberInfo(value: unknown): MemberInfo {
  const r = asRecord(value);
  if (!r || !str(r.userId) || !isSpaceRole(r.role)) throw unexpected();
  return {
    userId: str(r.userId),
    name: str(r.name),
    role: r.role,
    joinedAt: toEpochMs(r.joinedAt),
    inviteId: str(r.inviteId) || null,
  };
}

function list<T>(value: unknown, parse: (v: unknown) => T): T[] {
  if (!Array.isArray(value)) throw unexpected();
  return value.map(parse);
}

/**
 * Exchanges a membership key for a session token (`POST /api/session`);
 * 401 means the member is unknown or was removed.
 *
 * @example
 * const { token, expiresAt, role } = await requestSession({ spaceId, userId, key });
 */
export async function requestSession(
  input: { spaceId: string; userId: string; key: string },
  fetchImpl?: typeof fetch,
): Promise<SessionGrant & { role: SpaceRole | null; name: string }> {
  const body = await apiJson('/api/session', {
    method: 'POST',
    body: input,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  const r = asRecord(body);
  return {
    ...parseSession(body),
    role: isSpaceRole(r?.role) ? r.role : null,
    name: str(r?.name),
  };
}

/** Redeems an invite code under a display name (`POST /api/invites/redeem`). */
export async function redeemInvite(
  input: { code: string; name: string },
  fetchImpl?: typeof fetch,
): Promise<{ spaceId: string; member: MemberGrant; session: SessionGrant }> {
  const body = asRecord(
    await apiJson('/api/invites/redeem', {
      method: 'POST',
      body: input,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    }),
  );
  if (!body || !str(body.spaceId)) throw unexpected();
  return {
    spaceId: str(body.spaceId),
    member: parseMember(body.member),
    session: parseSession(body.session),
  };
}

/** What an invite would make of its holder, before it is used (SPEC INVITE-1). */
export interface InvitePreview {
  readonly spaceId: string;
  /** The space's name now; `""` when the server knows none. */
  readonly spaceName: string;
  readonly role: SpaceRole;
  /** Epoch ms, or `null` for no expiry. */
  readonly expiresAt: number | null;
  /** `null` for no limit. */
  readonly usesLeft: number | null;
}

/**
 * What an invite code opens, without using it (`POST /api/invites/preview`;
 * the code goes in the body so no access log keeps it). Refusals are the
 * redemption's: 404 unknown, 410 expired, used up or revoked.
 *
 * @example
 * const { spaceName, role } = await previewInvite(code);
 */
export async function previewInvite(
  code: string,
  fetchImpl?: typeof fetch,
): Promise<InvitePreview> {
  const body = asRecord(
    await apiJson('/api/invites/preview', {
      method: 'POST',
      body: { code },
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    }),
  );
  if (!body || !str(body.spaceId) || !isSpaceRole(body.role)) throw unexpected();
  return {
    spaceId: str(body.spaceId),
    spaceName: str(body.spaceName),
    role: body.role,
    expiresAt: toEpochMs(body.expiresAt),
    usesLeft: typeof body.usesLeft === 'number' ? body.usesLeft : null,
  };
}

/** The admin API of one space, called with an admin's session token. */
export function spaceAdminApi(spaceId: string, token: string, fetchImpl?: typeof fetch) {
  const base = `/api/spaces/${encodeURIComponent(spaceId)}`;
  const opts = { token, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
  return {
    listInvites: async () => list(await apiJson(`${base}/invites`, opts), parseInvite),
    createInvite: async (input: {
      role: SpaceRole;
      expiresAt?: number;
      maxUses?: number;
    }): Promise<InviteInfo> =>
      parseInvite(await apiJson(`${base}/invites`, { ...opts, method: 'POST', body: input })),
    revokeInvite: async (inviteId: string): Promise<void> => {
      await apiJson(`${base}/invites/${encodeURIComponent(inviteId)}`, {
        ...opts,
        method: 'DELETE',
      });
    },
    listMembers: async () => list(await apiJson(`${base}/members`, opts), parseMemberInfo),
    setRole: async (userId: string, role: SpaceRole): Promise<void> => {
      await apiJson(`${base}/members/${encodeURIComponent(userId)}`, {
        ...opts,
        method: 'PATCH',
        body: { role },
      });
    },
    removeMember: async (userId: string): Promise<void> => {
      await apiJson(`${base}/members/${encodeURIComponent(userId)}`, {
        ...opts,
        method: 'DELETE',
      });
    },
  };
}

export type SpaceAdminApi = ReturnType<typeof spaceAdminApi>;

/** A device key the server registered for a member (docs/legitimacy.md §2). */
export interface DeviceKeyInfo {
  readonly keyId: string;
  readonly userId: string;
  /** base64url of the raw 32-byte Ed25519 public key. */
  readonly publicKey: string;
  readonly addedAt: number | null;
}

export function parseDeviceKey(value: unknown): DeviceKeyInfo {
  const r = asRecord(value);
  if (!r || !str(r.keyId) || !str(r.userId) || !str(r.publicKey)) throw unexpected();
  return {
    keyId: str(r.keyId),
    userId: str(r.userId),
    publicKey: str(r.publicKey),
    addedAt: toEpochMs(r.addedAt),
  };
}

/**
 * Changes the display name the space knows this member by
 * (`PATCH /api/spaces/:spaceId/members/me`, server NAME-5); answers the name
 * as the server stored it (normalised). The member's sockets reopen.
 *
 * @example
 * const { name } = await renameSelf(spaceId, token, 'Awa Diallo');
 */
export async function renameSelf(
  spaceId: string,
  token: string,
  name: string,
  fetchImpl?: typeof fetch,
): Promise<MemberInfo> {
  const body = await apiJson(`/api/spaces/${encodeURIComponent(spaceId)}/members/me`, {
    method: 'PATCH',
    token,
    body: { name },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return parseMemberInfo(body);
}

/**
 * Registers this device's public key for the session's member
 * (`POST /api/spaces/:spaceId/devices`); the same key again is harmless.
 *
 * @example
 * const { keyId } = await registerDeviceKey(spaceId, token, publicKey);
 */
export async function registerDeviceKey(
  spaceId: string,
  token: string,
  publicKey: string,
  fetchImpl?: typeof fetch,
): Promise<DeviceKeyInfo> {
  const body = await apiJson(`/api/spaces/${encodeURIComponent(spaceId)}/devices`, {
    method: 'POST',
    token,
    body: { publicKey },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return parseDeviceKey(body);
}

/**
 * Every device key of a space, removed members' included
 * (`GET /api/spaces/:spaceId/devices`).
 *
 * @example
 * const keys = await listDeviceKeys(spaceId, token);
 */
export async function listDeviceKeys(
  spaceId: string,
  token: string,
  fetchImpl?: typeof fetch,
): Promise<DeviceKeyInfo[]> {
  const body = asRecord(
    await apiJson(`/api/spaces/${encodeURIComponent(spaceId)}/devices`, {
      token,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    }),
  );
  return list(body?.keys, parseDeviceKey);
}

/** A current member of a space as its directory lists them (`GET people`). */
export interface SpacePerson {
  readonly userId: string;
  /** The member's registered name; `""` for a member who has none. */
  readonly name: string;
  readonly role: SpaceRole;
}

export function parseSpacePerson(value: unknown): SpacePerson {
  const r = asRecord(value);
  if (!r || !str(r.userId) || typeof r.name !== 'string' || !isSpaceRole(r.role))
    throw unexpected();
  return { userId: str(r.userId), name: r.name, role: r.role };
}

/**
 * The space's current members, for any member (observers too): the names
 * the server registered, the only ones an action may write as its owner's
 * (`GET /api/spaces/:spaceId/people`, server NAME-6).
 *
 * @example
 * const people = await listPeople(spaceId, token); // [{ userId, name: 'Awa', role: 'member' }]
 */
export async function listPeople(
  spaceId: string,
  token: string,
  fetchImpl?: typeof fetch,
): Promise<SpacePerson[]> {
  const body = asRecord(
    await apiJson(`/api/spaces/${encodeURIComponent(spaceId)}/people`, {
      token,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    }),
  );
  return list(body?.people, parseSpacePerson);
}
