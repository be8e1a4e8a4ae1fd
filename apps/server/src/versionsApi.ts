import type { IncomingMessage, ServerResponse } from 'node:http';
import { isId, normalizeVersionName, readProposal, roomName } from '@ronde/domain';
import type { AccessStore, Member } from './accessStore.ts';
import { requireMember } from './bearerMember.ts';
import type { DocumentRegistry } from './documents.ts';
import { HttpError, readJsonBody, requireMethod, sendJson } from './httpJson.ts';
import { namedVersionId, storedCopy, type Versions } from './versions.ts';
import { spaceNames } from './formerMembers.ts';

export interface VersionsApiContext {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  readonly secret: Uint8Array;
  readonly access: Pick<AccessStore, 'getMember' | 'listMembers'>;
  readonly versions: Versions;
  readonly maxBodyBytes: number;
  readonly now?: () => number;
}

const VERSIONS =
  /^\/api\/spaces\/([^/]+)\/proposals\/([^/]+)\/versions(?:\/([^/]+)(?:\/diff\/([^/]+))?)?$/;
const VERSION_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The proposal history routes (server SPEC VERS-4…6), for members of the
 * space (Bearer session token; 401 otherwise):
 * - `GET …/proposals/:proposalId/versions` → `{ versions, names }`
 * - `POST …/proposals/:proposalId/versions` `{ name }` → 201 `{ version }`
 *   (not observers: 403)
 * - `GET …/versions/:versionId` → `{ version, text, shares, names }`
 * - `GET …/versions/:fromId/diff/:toId` → `{ from, to, diff, names }`
 * `names` maps every member id of the space to their display name now.
 * Returns false for any other path.
 *
 * @example
 * if (await handleVersionsApi(req, res, path, ctx)) return;
 */
export async function handleVersionsApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: VersionsApiContext,
): Promise<boolean> {
  const match = VERSIONS.exec(path);
  if (!match) return false;
  const [, spaceId = '', proposalId = '', versionId, toId] = match;
  if (!isId(spaceId) || !isId(proposalId)) {
    throw new HttpError(404, 'not_found', `no API route ${path}`);
  }
  for (const id of [versionId, toId]) {
    if (id !== undefined && !VERSION_ID.test(id)) throw notFound('no such version');
  }
  const room = roomName({ spaceId, kind: 'proposal', id: proposalId });
  const isList = versionId === undefined;
  requireMethod(req, ...(isList ? ['GET', 'POST'] : ['GET']));
  const member = await requireMember(req, spaceId, ctx);
  if (req.method === 'POST') {
    await nameVersion(req, res, ctx, { room, proposalId, member });
    return true;
  }
  const names = await memberNames(ctx, spaceId);
  if (isList) {
    sendJson(res, 200, { versions: await ctx.versions.list(room), names });
  } else if (toId === undefined) {
    const view = await ctx.versions.view(room, versionId);
    if (view === null) throw notFound('no such version');
    sendJson(res, 200, { ...view, names });
  } else {
    const listed = await ctx.versions.list(room);
    const from = listed.find((v) => v.id === versionId);
    const to = listed.find((v) => v.id === toId);
    const diff = from && to ? await ctx.versions.diff(room, from.id, to.id) : null;
    if (diff === null) throw notFound('no such version');
    sendJson(res, 200, { from, to, diff, names });
  }
  return true;
}

/** A member names the proposal's current text (VERS-5). */
async function nameVersion(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: VersionsApiContext,
  target: { room: string; proposalId: string; member: Member },
): Promise<void> {
  if (target.member.role === 'observer') {
    throw new HttpError(403, 'forbidden', 'observers cannot name versions');
  }
  const body = await readJsonBody(req, ctx.maxBodyBytes);
  const raw = body !== null && typeof body === 'object' ? (body as { name?: unknown }).name : null;
  const name = typeof raw === 'string' ? normalizeVersionName(raw) : null;
  if (name === null) {
    throw new HttpError(
      400,
      'invalid_name',
      'name: 1 to 80 characters, no control or format characters',
    );
  }
  const handle = ctx.registry.open(target.room);
  try {
    const loaded = await handle.ready;
    if (readProposal(loaded.doc)?.id !== target.proposalId) throw notFound('no such proposal');
    const filed = await ctx.versions.file(target.room, await storedCopy(loaded), {
      id: namedVersionId(),
      kind: 'named',
      name,
      by: target.member.userId,
      meetingId: null,
    });
    if (filed === 'too-many') {
      throw new HttpError(409, 'too_many_versions', 'this proposal has too many versions');
    }
    if (filed === 'too-large') {
      throw new HttpError(413, 'too_large', 'this proposal is too large to keep a version of');
    }
    if (filed === null) throw new HttpError(409, 'conflict', 'try again');
    sendJson(res, 201, { version: filed });
  } finally {
    handle.release();
  }
}

/** Members' names now, and former members' of an imported space (BACKUP-6). */
function memberNames(ctx: VersionsApiContext, spaceId: string) {
  return spaceNames(ctx, spaceId);
}

const notFound = (message: string): HttpError => new HttpError(404, 'not_found', message);
