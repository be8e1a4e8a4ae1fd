import type { IncomingMessage, ServerResponse } from 'node:http';
import { initSpace, newId, spaceRoom } from '@ronde/domain';
import * as Y from 'yjs';
import { z } from 'zod';
import {
  checkSpaceCreation,
  handleAccessApi,
  inviteJson,
  issueSession,
  parseBody,
  parseName,
  RAW_NAME,
  signInLink,
  type AccessApiContext,
} from './accessApi.ts';
import type { DocumentRegistry } from './documents.ts';
import { HttpError, readJsonBody, requireMethod, sendJson } from './httpJson.ts';
import { handlePracticeApi } from './practice/practiceApi.ts';
import type { PracticeService } from './practice/practiceService.ts';

export interface ApiContext extends AccessApiContext {
  readonly registry: DocumentRegistry;
  readonly maxBodyBytes: number;
  readonly isClosing: () => boolean;
  /** Practice spaces and their bots (SPEC PRACTICE); absent, the routes answer 404. */
  readonly practice?: PracticeService;
  /** The deployment's shortest time to an asynchronous consent's deadline (ACONS-16). */
  readonly asyncMinDeadlineMs?: number;
}

const CreateSpace = z.object({
  name: z.string().max(1000),
  circleName: z.string().max(1000),
  /** The creator's display name (optional; when given, normalised and checked: NAME-n). */
  memberName: RAW_NAME.optional(),
});

/**
 * The HTTP API under `/api/`:
 * - `POST /api/spaces` `{name, circleName, memberName?}` → 201 `{id, name,
 *   defaultCircleId, member, session, adminLink, invite}`: the creator is the
 *   space's admin (docs/trust-api.md)
 * - `GET /api/time` → `{now}` (server epoch ms, for clock offset)
 * - `GET /api/settings` → `{asyncConsent: {minDeadlineMs}}` (the deployment's settings screens show)
 * - the access routes (accessApi.ts)
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: ApiContext,
): Promise<void> {
  if (path === '/api/spaces') {
    requireMethod(req, 'POST');
    if (ctx.isClosing()) throw new HttpError(503, 'shutting_down', 'the server is shutting down');
    await checkSpaceCreation(req, ctx);
    const body = parseBody(CreateSpace, await readJsonBody(req, ctx.maxBodyBytes));
    // Checked before the space document is made, so a refused name leaves nothing behind.
    const adminName = body.memberName === undefined ? '' : parseName(body.memberName, 'memberName');
    const space = await createSpace(ctx.registry, body.name, body.circleName);
    const now = (ctx.now ?? Date.now)();
    const { member, key, invite } = await ctx.access.createSpace({
      spaceId: space.id,
      adminName,
      now,
    });
    ctx.log.info('space created', { spaceId: space.id, userId: member.userId });
    sendJson(
      res,
      201,
      {
        ...space,
        member: { userId: member.userId, role: member.role, name: member.name, key },
        session: issueSession(ctx, member),
        adminLink: signInLink(space.id, member.userId, key),
        invite: inviteJson(invite, [], now),
      },
      { location: `/api/spaces/${space.id}` },
    );
    return;
  }
  if (path === '/api/time') {
    requireMethod(req, 'GET', 'HEAD');
    sendJson(res, 200, { now: Date.now() });
    return;
  }
  if (path === '/api/settings') {
    // What the deployment sets that screens must know before the server refuses (ACONS-16).
    requireMethod(req, 'GET', 'HEAD');
    sendJson(res, 200, { asyncConsent: { minDeadlineMs: ctx.asyncMinDeadlineMs ?? 60_000 } });
    return;
  }
  if (await handleAccessApi(req, res, path, ctx)) return;
  if (await handlePracticeApi(req, res, path, ctx)) return;
  throw new HttpError(404, 'not_found', `no API route ${path}`);
}

/**
 * Creates a space document server-side and stores it through the registry,
 * the same queue and storage as a client's update, so it is durable before
 * the 201 goes out.
 */
export async function createSpace(
  registry: DocumentRegistry,
  name: string,
  circleName: string,
): Promise<{ id: string; name: string; defaultCircleId: string }> {
  const doc = new Y.Doc();
  let space;
  try {
    space = initSpace(doc, { id: newId(), name, circleName, now: Date.now() });
  } catch (error) {
    if (error instanceof RangeError) throw new HttpError(400, 'invalid_body', error.message);
    throw error;
  }
  const handle = registry.open(spaceRoom(space.id));
  try {
    const document = await handle.ready;
    await document.store(Y.encodeStateAsUpdate(doc), null);
  } finally {
    handle.release();
    doc.destroy();
  }
  return { id: space.id, name: space.name, defaultCircleId: space.defaultCircleId };
}
