import type { IncomingMessage, ServerResponse } from 'node:http';
import { isId } from '@ronde/domain';
import { z } from 'zod';
import type { PracticeSpace } from '../accessStore.ts';
import {
  checkSpaceCreation,
  inviteJson,
  issueSession,
  parseBody,
  parseName,
  RAW_NAME,
  requireAdmin,
  signInLink,
  type AccessApiContext,
} from '../accessApi.ts';
import { requireMember } from '../bearerMember.ts';
import type { DocumentRegistry } from '../documents.ts';
import { HttpError, readJsonBody, requireMethod, sendJson } from '../httpJson.ts';
import { PRACTICE_LANGUAGES, PRACTICE_PROCESSES } from './practiceScripts.ts';
import type { PracticeService } from './practiceService.ts';
import { seedPracticeSpace } from './practiceSpace.ts';

export interface PracticeApiContext extends AccessApiContext {
  readonly registry: DocumentRegistry;
  readonly isClosing: () => boolean;
  readonly practice?: PracticeService;
}

const NewPractice = z.object({
  process: z.enum(PRACTICE_PROCESSES),
  language: z.enum(PRACTICE_LANGUAGES),
  memberName: RAW_NAME,
});

const PRACTICE_ROUTE = /^\/api\/practice(?:\/([^/]+))?$/;

export function practiceJson(practice: PracticeSpace) {
  return {
    spaceId: practice.spaceId,
    meetingId: practice.meetingId,
    proposalId: practice.proposalId,
    process: practice.process,
    language: practice.language,
    bots: practice.bots.map((bot) => ({ userId: bot.userId, name: bot.name })),
    createdAt: practice.createdAt,
  };
}

/**
 * The practice routes (SPEC PRACTICE): `POST /api/practice` creates a
 * practice space and starts its bots; `GET /api/practice/:spaceId` tells a
 * member whether their space is one (404 otherwise); `DELETE
 * /api/practice/:spaceId` lets an admin delete it. Returns false for
 * another path.
 */
export async function handlePracticeApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: PracticeApiContext,
): Promise<boolean> {
  const match = PRACTICE_ROUTE.exec(path);
  if (!match) return false;
  const service = ctx.practice;
  const access = service?.access ?? null;
  if (!service || !access) {
    throw new HttpError(404, 'not_found', 'practice spaces are not available on this server');
  }
  const spaceId = match[1];
  if (spaceId === undefined) {
    requireMethod(req, 'POST');
    if (ctx.isClosing()) throw new HttpError(503, 'shutting_down', 'the server is shutting down');
    await checkSpaceCreation(req, ctx);
    const body = parseBody(NewPractice, await readJsonBody(req, ctx.maxBodyBytes));
    const adminName = parseName(body.memberName, 'memberName');
    if (!service.hasRoom()) {
      throw new HttpError(429, 'practice_busy', 'too many practice meetings run now', {
        'retry-after': '60',
      });
    }
    const now = (ctx.now ?? Date.now)();
    const seeded = await seedPracticeSpace(ctx.registry, access, {
      adminName,
      process: body.process,
      language: body.language,
      now,
    });
    await service.run(seeded.practice);
    const { member, key, invite } = seeded.admin;
    ctx.log.info('practice space created', { spaceId: seeded.space.id, userId: member.userId });
    sendJson(res, 201, {
      ...seeded.space,
      member: { userId: member.userId, role: member.role, name: member.name, key },
      session: issueSession(ctx, member),
      adminLink: signInLink(seeded.space.id, member.userId, key),
      invite: inviteJson(invite, [], now),
      practice: practiceJson(seeded.practice),
    });
    return true;
  }
  if (!isId(spaceId)) throw new HttpError(404, 'not_found', `no API route ${path}`);
  const method = requireMethod(req, 'GET', 'DELETE');
  if (method === 'GET') {
    await requireMember(req, spaceId, ctx);
    const practice = await access.getPractice(spaceId);
    if (!practice) throw new HttpError(404, 'not_found', 'not a practice space');
    sendJson(res, 200, { ...practiceJson(practice), running: service.isRunning(spaceId) });
    return true;
  }
  const admin = await requireAdmin(req, spaceId, ctx);
  // Only a practice space can be deleted: any other space's history stays.
  if (!(await access.getPractice(spaceId))) {
    throw new HttpError(404, 'not_found', 'not a practice space');
  }
  await service.remove(spaceId);
  ctx.log.info('practice space deleted by its admin', { spaceId, by: admin.userId });
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
  return true;
}
