import type { IncomingMessage, ServerResponse } from 'node:http';
import { isId } from '@ronde/domain';
import {
  checkSpaceCreation,
  inviteJson,
  issueSession,
  parseName,
  signInLink,
  type AccessApiContext,
} from './accessApi.ts';
import {
  BACKUP_MAX_BYTES,
  BackupError,
  buildBackup,
  checkBackup,
  type BackupStorage,
} from './backup.ts';
import type { DocumentRegistry } from './documents.ts';
import { HttpError, readJsonBody, requireMethod, sendJson } from './httpJson.ts';
import { requireMember } from './bearerMember.ts';

export interface BackupApiContext extends AccessApiContext {
  readonly registry: Pick<DocumentRegistry, 'isLoaded'>;
  /** The document store, when it can list and restore spaces; absent: 404. */
  readonly backupStorage?: BackupStorage;
}

const EXPORT_ROUTE = /^\/api\/spaces\/([^/]+)\/backup$/;
const IMPORT_ROUTE = '/api/backups';

/**
 * The whole-space backup (server SPEC BACKUP):
 * - `GET /api/spaces/:spaceId/backup` (an admin of the space) → the
 *   `ronde-backup/1` file;
 * - `POST /api/backups` `{ memberName?, backup }` (whoever may create a
 *   space here) → 201: a new space with the backup's id and documents, the
 *   importer its admin, the former members listed for re-inviting.
 * Returns false for any other path.
 *
 * @example
 * if (await handleBackupApi(req, res, path, ctx)) return;
 */
export async function handleBackupApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: BackupApiContext,
): Promise<boolean> {
  const match = EXPORT_ROUTE.exec(path);
  if (!match && path !== IMPORT_ROUTE) return false;
  const storage = ctx.backupStorage;
  if (!storage) throw new HttpError(404, 'not_found', 'this server keeps no backups');
  if (match) {
    const spaceId = match[1] ?? '';
    if (!isId(spaceId)) throw new HttpError(404, 'not_found', `no API route ${path}`);
    requireMethod(req, 'GET');
    const member = await requireMember(req, spaceId, ctx);
    if (member.role !== 'admin') {
      throw new HttpError(403, 'forbidden', 'only an admin of the space downloads its backup');
    }
    const backup = await buildBackup(storage, ctx.access, spaceId, (ctx.now ?? Date.now)());
    sendJson(res, 200, backup, {
      'content-disposition': `attachment; filename="ronde-backup-${spaceId}.json"`,
    });
    return true;
  }
  requireMethod(req, 'POST');
  await checkSpaceCreation(req, ctx);
  const body = await readJsonBody(req, BACKUP_MAX_BYTES);
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const memberName =
    raw.memberName === undefined ? '' : parseName(String(raw.memberName), 'memberName');
  let checked;
  try {
    checked = checkBackup(raw.backup);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    // The problem's kind and place, for the importer's screen to word (BACKUP-7).
    const { code, message, problem, where } = error;
    sendJson(res, 400, { error: { code, message, problem, where } });
    return true;
  }
  const { spaceId } = checked;
  if ((await ctx.access.listMembers(spaceId)).length > 0) {
    throw new HttpError(409, 'space_exists', 'this server has this space already');
  }
  // A copy held in memory would never see the restored rows (only reachable without auth).
  if (checked.documents.some((d) => ctx.registry.isLoaded(d.name))) {
    throw new HttpError(
      409,
      'space_busy',
      'a document of this space is open here; try again later',
    );
  }
  // One transaction: every document, or none (BACKUP-5).
  if (!(await storage.restoreDocuments(`${spaceId}/`, checked.documents))) {
    throw new HttpError(409, 'space_exists', 'this server has documents of this space already');
  }
  const now = (ctx.now ?? Date.now)();
  let created;
  try {
    created = await ctx.access.createSpace({ spaceId, adminName: memberName, now });
    for (const key of checked.deviceKeys) {
      const added = await ctx.access.addDeviceKey({
        spaceId,
        userId: key.userId,
        publicKey: key.publicKey,
        now: key.addedAt,
      });
      if (!added.ok)
        throw new HttpError(400, 'invalid_backup', `device key ${key.keyId}: ${added.reason}`);
    }
  } catch (error) {
    // Never half a space: the documents go again, and the membership rows with them.
    await storage.deleteDocuments?.(`${spaceId}/`);
    await ctx.access.deleteSpace?.(spaceId).catch(() => undefined);
    throw error;
  }
  const { member, key, invite } = created;
  ctx.log.info('space imported from a backup', {
    spaceId,
    userId: member.userId,
    documents: checked.documents.length,
  });
  sendJson(
    res,
    201,
    {
      id: spaceId,
      name: checked.spaceName,
      defaultCircleId: checked.defaultCircleId,
      member: { userId: member.userId, role: member.role, name: member.name, key },
      session: issueSession(ctx, member),
      adminLink: signInLink(spaceId, member.userId, key),
      invite: inviteJson(invite, [], now),
      documents: checked.documents.length,
      signedEvents: checked.signedEvents,
      formerMembers: checked.members,
    },
    { location: `/api/spaces/${spaceId}` },
  );
  return true;
}
