import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isId, readSpace, spaceRoom } from '@ronde/domain';
import { z } from 'zod';
import {
  INVITE_ROLES,
  inviteStatus,
  type AccessStore,
  type Invite,
  type RedeemResult,
  type Member,
} from './accessStore.ts';
import { requireMember, unauthorized } from './bearerMember.ts';
import type { SpaceCreation } from './config.ts';
import { MAX_DEVICE_KEYS_PER_MEMBER, type DeviceKey } from './deviceKeys.ts';
import { normalizeDisplayName } from './displayName.ts';
import type { DocumentRegistry } from './documents.ts';
import { HttpError, readJsonBody, requireMethod, sendJson } from './httpJson.ts';
import type { HttpThrottle } from './httpRateLimit.ts';
import { CLOSE_CODES } from './limits.ts';
import type { LiveConnections } from './liveConnections.ts';
import type { Logger } from './log.ts';
import { ROLES, signToken } from './tokens.ts';

/** What the access routes need (docs/trust-api.md). */
export interface AccessApiContext {
  readonly access: AccessStore;
  readonly secret: Uint8Array;
  readonly tokenLifetimeSeconds: number;
  readonly live: Pick<LiveConnections, 'closeMember'>;
  readonly spaceCreation: SpaceCreation;
  readonly adminSecret: string | null;
  readonly maxBodyBytes: number;
  readonly log: Logger;
  readonly now?: () => number;
  /** The HTTP API's rate limits (httpRateLimit.ts); absent, nothing is throttled. */
  readonly throttle?: HttpThrottle;
}

/** A display name as sent; {@link parseName} normalises and checks it. */
export const RAW_NAME = z.string().max(1000);

const Session = z.object({
  spaceId: z.string().max(64),
  userId: z.string().max(64),
  key: z.string().max(200),
});
const Redeem = z.object({ code: z.string().max(200), name: RAW_NAME });
const Preview = z.object({ code: z.string().max(200) });
const NewInvite = z.object({
  role: z.enum(INVITE_ROLES),
  expiresAt: z.number().int().positive().nullable().optional(),
  maxUses: z.number().int().min(1).max(1_000_000).nullable().optional(),
});
const RoleChange = z.object({ role: z.enum(ROLES) });
const Rename = z.object({ name: z.string().max(1000) });

/** Validates a parsed body, or throws 400 `invalid_body` naming the first issue. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || 'body';
  throw new HttpError(400, 'invalid_body', `${where}: ${issue?.message ?? 'invalid'}`);
}

/**
 * A display name from a request, normalised (NAME-1), or 400 `invalid_name`
 * (NAME-2, NAME-3) naming the field and the reason.
 */
export function parseName(raw: string, field: string): string {
  const checked = normalizeDisplayName(raw);
  if (!checked.ok) throw new HttpError(400, 'invalid_name', `${field}: ${checked.reason}`);
  return checked.name;
}

/** The space's share link: the code rides in the fragment, which never reaches a server. */
export function inviteLink(invite: Invite): string {
  return `/join#${invite.code}`;
}

/** Why an invite cannot be used: 404 unknown, 410 with its status otherwise (INVITE-2). */
/** NAME-7: 409 `name_taken`, for a redemption or a rename. */
function nameTakenError(): HttpError {
  return new HttpError(
    409,
    'name_taken',
    'another member of this space goes by this name; choose one that tells you apart',
  );
}

function inviteRefusal(reason: Extract<RedeemResult, { ok: false }>['reason']): HttpError {
  if (reason === 'unknown') return new HttpError(404, 'not_found', 'no such invite');
  if (reason === 'name_taken') return nameTakenError();
  const messages = {
    expired: 'this invite has expired',
    used_up: 'this invite has been used up',
    revoked: 'this invite was revoked',
  } as const;
  return new HttpError(410, `invite_${reason}`, messages[reason]);
}

/** What the invite preview needs besides the access routes': the space documents, to name the space. */
export interface InvitePreviewContext {
  readonly registry: Pick<DocumentRegistry, 'open'>;
}

/**
 * `POST /api/invites/preview` `{code}` (INVITE-1…3): what the invite would
 * make of its holder, in the space as it is named now, without using it.
 * The code rides in the body, not the query, as in redemption: a reverse
 * proxy's or CDN's access log keeps each request line, query included
 * (Ronde's own log keeps only the path); no log keeps bodies.
 */
async function handleInvitePreview(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: AccessApiContext & InvitePreviewContext,
  now: number,
): Promise<void> {
  requireMethod(req, 'POST');
  const { code } = parseBody(Preview, await readJsonBody(req, ctx.maxBodyBytes));
  // Before the look-up: a refusal says nothing about the code (HTTP-5).
  await ctx.throttle?.invitePreview(req.socket.remoteAddress, code);
  const invite = await ctx.access.findInvite(code);
  if (!invite) throw inviteRefusal('unknown');
  const status = inviteStatus(invite, now);
  if (status !== 'active') throw inviteRefusal(status);
  const handle = ctx.registry.open(spaceRoom(invite.spaceId));
  let spaceName: string;
  try {
    spaceName = readSpace((await handle.ready).doc)?.name ?? '';
  } finally {
    handle.release();
  }
  ctx.throttle?.previewFound(req.socket.remoteAddress, code);
  sendJson(res, 200, {
    spaceId: invite.spaceId,
    spaceName,
    role: invite.role,
    expiresAt: invite.expiresAt,
    usesLeft: invite.maxUses === null ? null : invite.maxUses - invite.uses,
  });
}

/** The admin's personal sign-in link (docs/trust-api.md). */
export function signInLink(spaceId: string, userId: string, key: string): string {
  return `/s/${spaceId}/signin#${userId}.${key}`;
}

export function inviteJson(invite: Invite, members: readonly Member[], now: number) {
  return {
    id: invite.id,
    code: invite.code,
    link: inviteLink(invite),
    role: invite.role,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    maxUses: invite.maxUses,
    uses: invite.uses,
    revokedAt: invite.revokedAt,
    status: inviteStatus(invite, now),
    joined: members
      .filter((m) => m.inviteId === invite.id)
      .map((m) => ({ userId: m.userId, name: m.name, joinedAt: m.joinedAt })),
  };
}

export function memberJson(member: Member) {
  return {
    userId: member.userId,
    name: member.name,
    role: member.role,
    joinedAt: member.joinedAt,
    inviteId: member.inviteId,
  };
}

/** A session token for a member, as the API returns it (`expiresAt` in epoch ms). */
export function issueSession(
  ctx: AccessApiContext,
  member: Pick<Member, 'spaceId' | 'userId' | 'role'>,
): { token: string; expiresAt: number } {
  const { token, expiresAt } = signToken(
    ctx.secret,
    { space: member.spaceId, sub: member.userId, role: member.role },
    { lifetimeSeconds: ctx.tokenLifetimeSeconds, now: (ctx.now ?? Date.now)() },
  );
  return { token, expiresAt };
}

/** Compares two secrets in constant time, whatever their lengths. */
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who may create a space: anyone when creation is open, else a request with
 * the right `X-Ronde-Admin-Secret` (403 otherwise); 429 past the address's
 * rate (HTTP-2).
 */
export async function checkSpaceCreation(
  req: IncomingMessage,
  ctx: AccessApiContext,
): Promise<void> {
  // Before the secret check, so guessing the secret is throttled too.
  await ctx.throttle?.spaceCreation(req.socket.remoteAddress);
  if (ctx.spaceCreation === 'open') return;
  const given = req.headers['x-ronde-admin-secret'];
  if (
    typeof given !== 'string' ||
    ctx.adminSecret === null ||
    !secretsEqual(given, ctx.adminSecret)
  ) {
    throw new HttpError(403, 'forbidden', 'creating a space needs the admin secret');
  }
}

/** {@link requireMember}, and 403 when their role is below admin. */
export async function requireAdmin(
  req: IncomingMessage,
  spaceId: string,
  ctx: AccessApiContext,
): Promise<Member> {
  const member = await requireMember(req, spaceId, ctx);
  if (member.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin may do this');
  return member;
}

export function deviceKeyJson(key: DeviceKey) {
  return { keyId: key.keyId, userId: key.userId, publicKey: key.publicKey, addedAt: key.addedAt };
}

const NewDeviceKey = z.object({ publicKey: z.string().max(100) });

/**
 * `GET|POST /api/spaces/:spaceId/devices` (docs/legitimacy.md §2): any
 * member (observers too) registers their device's public key; any member
 * lists the space's keys, removed members' included, to verify the log.
 */
async function handleDevices(
  req: IncomingMessage,
  res: ServerResponse,
  spaceId: string,
  ctx: AccessApiContext,
): Promise<void> {
  const method = requireMethod(req, 'GET', 'POST');
  const member = await requireMember(req, spaceId, ctx);
  if (method === 'GET') {
    sendJson(res, 200, { keys: (await ctx.access.listDeviceKeys(spaceId)).map(deviceKeyJson) });
    return;
  }
  await ctx.throttle?.deviceRegistration(spaceId, member.userId);
  const body = parseBody(NewDeviceKey, await readJsonBody(req, ctx.maxBodyBytes));
  const result = await ctx.access.addDeviceKey({
    spaceId,
    userId: member.userId,
    publicKey: body.publicKey,
    now: (ctx.now ?? Date.now)(),
  });
  if (!result.ok) {
    if (result.reason === 'too_many') {
      throw new HttpError(
        409,
        'too_many_keys',
        `a member registers at most ${MAX_DEVICE_KEYS_PER_MEMBER} device keys`,
      );
    }
    throw new HttpError(
      400,
      'invalid_key',
      'publicKey must be a raw Ed25519 public key (32 bytes, base64url) not registered by another member',
    );
  }
  if (result.created) {
    ctx.log.info('device key added', { spaceId, userId: member.userId, keyId: result.key.keyId });
  }
  sendJson(res, result.created ? 201 : 200, deviceKeyJson(result.key));
}

function noContent(res: ServerResponse): void {
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

/**
 * `PATCH /api/spaces/:id/members/me` `{ name }`: a member (any role)
 * changes the display name the space knows them by (NAME-5), normalised
 * like every name (NAME-1…3). Their sockets are closed with 4401 on every
 * instance (ACCESS-1, ACCESS-2): they reopen with the new name, the only
 * one their writes may then carry (NAME-4).
 */
async function handleRenameSelf(
  req: IncomingMessage,
  res: ServerResponse,
  spaceId: string,
  ctx: AccessApiContext,
): Promise<void> {
  requireMethod(req, 'PATCH');
  const member = await requireMember(req, spaceId, ctx);
  const name = parseName(parseBody(Rename, await readJsonBody(req, ctx.maxBodyBytes)).name, 'name');
  if (name === member.name) {
    sendJson(res, 200, memberJson(member));
    return;
  }
  const result = await ctx.access.renameMember(spaceId, member.userId, name);
  if (!result.ok) {
    throw result.reason === 'name_taken'
      ? nameTakenError()
      : unauthorized('no longer a member of this space');
  }
  const renamed = result.member;
  const closed = ctx.live.closeMember(
    spaceId,
    member.userId,
    CLOSE_CODES.tokenExpired,
    'name changed',
  );
  ctx.log.info('member renamed', { spaceId, userId: member.userId, closed });
  sendJson(res, 200, memberJson(renamed));
}

/**
 * `GET /api/spaces/:id/people` (PEOPLE-1): any member, observers too, reads
 * who the space's members are, by their registered names and roles, so that
 * whoever assigns an action or reads a record names people as the space knows
 * them (NAME-6). Neither when nor by which invite anyone joined: that is the
 * admins' (`GET …/members`).
 */
async function handlePeople(
  req: IncomingMessage,
  res: ServerResponse,
  spaceId: string,
  ctx: AccessApiContext,
): Promise<void> {
  requireMethod(req, 'GET');
  await requireMember(req, spaceId, ctx);
  const people = (await ctx.access.listMembers(spaceId))
    .map(({ userId, name, role }) => ({ userId, name, role }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
  sendJson(res, 200, { people });
}

const SPACE_ROUTE = /^\/api\/spaces\/([^/]+)\/(invites|members|devices|people)(?:\/([^/]+))?$/;

/**
 * The access routes of docs/trust-api.md other than `POST /api/spaces`
 * (api.ts): session, invite preview and redemption, and the admin's
 * invites and members. Returns
 * false for a path that is not one of them.
 */
export async function handleAccessApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: AccessApiContext & InvitePreviewContext,
): Promise<boolean> {
  const now = (ctx.now ?? Date.now)();
  if (path === '/api/session') {
    requireMethod(req, 'POST');
    await ctx.throttle?.sessionAttempt(req.socket.remoteAddress);
    const body = parseBody(Session, await readJsonBody(req, ctx.maxBodyBytes));
    const known = isId(body.spaceId) && isId(body.userId);
    const member = known ? await ctx.access.checkKey(body.spaceId, body.userId, body.key) : null;
    if (!member) {
      // Only failures count against the member (HTTP-4): guesses cannot lock out the right key.
      if (known) await ctx.throttle?.sessionFailure(body.spaceId, body.userId);
      throw unauthorized('unknown member or wrong key');
    }
    sendJson(res, 200, { ...issueSession(ctx, member), role: member.role, name: member.name });
    return true;
  }
  if (path === '/api/invites/redeem') {
    requireMethod(req, 'POST');
    const body = parseBody(Redeem, await readJsonBody(req, ctx.maxBodyBytes));
    await ctx.throttle?.redemption(req.socket.remoteAddress, body.code);
    const name = parseName(body.name, 'name');
    const result = await ctx.access.redeemInvite(body.code, name, now);
    if (!result.ok) throw inviteRefusal(result.reason);
    const { member, key } = result;
    ctx.log.info('invite redeemed', {
      spaceId: member.spaceId,
      inviteId: result.invite.id,
      userId: member.userId,
      role: member.role,
    });
    sendJson(res, 201, {
      spaceId: member.spaceId,
      member: { userId: member.userId, role: member.role, name: member.name, key },
      session: issueSession(ctx, member),
    });
    return true;
  }
  if (path === '/api/invites/preview') {
    await handleInvitePreview(req, res, ctx, now);
    return true;
  }
  const match = SPACE_ROUTE.exec(path);
  if (!match) return false;
  const [, spaceId = '', collection, itemId] = match;
  if (
    !isId(spaceId) ||
    (itemId !== undefined && !isId(itemId) && !(collection === 'members' && itemId === 'me')) ||
    ((collection === 'devices' || collection === 'people') && itemId !== undefined)
  ) {
    throw new HttpError(404, 'not_found', `no API route ${path}`);
  }
  if (collection === 'devices') {
    await handleDevices(req, res, spaceId, ctx);
    return true;
  }
  if (collection === 'people') {
    await handlePeople(req, res, spaceId, ctx);
    return true;
  }
  if (collection === 'members' && itemId === 'me') {
    await handleRenameSelf(req, res, spaceId, ctx);
    return true;
  }
  const method = requireMethod(
    req,
    ...(itemId === undefined ? ['GET', 'POST'] : ['PATCH', 'DELETE']),
  );
  if (collection === 'members' && method === 'POST') {
    throw new HttpError(405, 'method_not_allowed', 'use GET', { allow: 'GET' });
  }
  if (collection === 'invites' && method === 'PATCH') {
    throw new HttpError(405, 'method_not_allowed', 'use DELETE', { allow: 'DELETE' });
  }
  const admin = await requireAdmin(req, spaceId, ctx);
  const log = ctx.log.child({ spaceId, by: admin.userId });

  if (collection === 'invites') {
    if (method === 'GET') {
      const [invites, members] = await Promise.all([
        ctx.access.listInvites(spaceId),
        ctx.access.listMembers(spaceId),
      ]);
      sendJson(
        res,
        200,
        invites.map((invite) => inviteJson(invite, members, now)),
      );
    } else if (method === 'POST') {
      const body = parseBody(NewInvite, await readJsonBody(req, ctx.maxBodyBytes));
      const expiresAt = body.expiresAt ?? null;
      if (expiresAt !== null && expiresAt <= now) {
        throw new HttpError(400, 'invalid_body', 'expiresAt: must be in the future');
      }
      const invite = await ctx.access.createInvite({
        spaceId,
        role: body.role,
        expiresAt,
        maxUses: body.maxUses ?? null,
        now,
      });
      log.info('invite created', { inviteId: invite.id, role: invite.role });
      sendJson(res, 201, inviteJson(invite, [], now));
    } else {
      const revoked = await ctx.access.revokeInvite(spaceId, itemId ?? '', now);
      if (!revoked) throw new HttpError(404, 'not_found', 'no such invite in this space');
      log.info('invite revoked', { inviteId: revoked.id });
      noContent(res);
    }
    return true;
  }

  if (method === 'GET') {
    sendJson(res, 200, (await ctx.access.listMembers(spaceId)).map(memberJson));
    return true;
  }
  const userId = itemId ?? '';
  if (method === 'PATCH') {
    const body = parseBody(RoleChange, await readJsonBody(req, ctx.maxBodyBytes));
    const changed = await ctx.access.setRole(spaceId, userId, body.role);
    if (!changed.ok) throw changeRefused(changed.reason);
    if (changed.previous.role !== changed.member.role) {
      const closed = ctx.live.closeMember(
        spaceId,
        userId,
        CLOSE_CODES.tokenExpired,
        'role changed',
      );
      log.info('role changed', {
        userId,
        from: changed.previous.role,
        to: changed.member.role,
        closed,
      });
    }
    sendJson(res, 200, memberJson(changed.member));
    return true;
  }
  const removed = await ctx.access.removeMember(spaceId, userId);
  if (!removed.ok) throw changeRefused(removed.reason);
  const closed = ctx.live.closeMember(spaceId, userId, CLOSE_CODES.forbidden, 'access revoked');
  log.info('member removed', { userId, role: removed.previous.role, closed });
  noContent(res);
  return true;
}

function changeRefused(reason: 'not_found' | 'last_admin'): HttpError {
  return reason === 'not_found'
    ? new HttpError(404, 'not_found', 'no such member in this space')
    : new HttpError(409, 'last_admin', 'a space keeps at least one admin');
}
