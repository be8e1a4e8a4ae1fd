import type { IncomingMessage, ServerResponse } from 'node:http';
import { initSpace, newId, spaceRoom } from '@ronde/domain';
import * as Y from 'yjs';
import { z } from 'zod';
import type { DocumentRegistry } from './documents.ts';
import { HttpError, readJsonBody, sendJson } from './httpJson.ts';

export interface ApiContext {
  readonly registry: DocumentRegistry;
  readonly maxBodyBytes: number;
  readonly isClosing: () => boolean;
}

const CreateSpace = z.object({
  name: z.string().max(1000),
  circleName: z.string().max(1000),
});

/**
 * The HTTP API under `/api/`:
 * - `POST /api/spaces` `{name, circleName}` → 201 `{id, name, defaultCircleId}`
 * - `GET /api/time` → `{now}` (server epoch ms, for clock offset)
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: ApiContext,
): Promise<void> {
  if (path === '/api/spaces') {
    allow(req, 'POST');
    if (ctx.isClosing()) throw new HttpError(503, 'shutting_down', 'the server is shutting down');
    const parsed = CreateSpace.safeParse(await readJsonBody(req, ctx.maxBodyBytes));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'body';
      throw new HttpError(400, 'invalid_body', `${where}: ${issue?.message ?? 'invalid'}`);
    }
    const space = await createSpace(ctx.registry, parsed.data.name, parsed.data.circleName);
    sendJson(res, 201, space, { location: `/api/spaces/${space.id}` });
    return;
  }
  if (path === '/api/time') {
    allow(req, 'GET', 'HEAD');
    sendJson(res, 200, { now: Date.now() });
    return;
  }
  throw new HttpError(404, 'not_found', `no API route ${path}`);
}

function allow(req: IncomingMessage, ...methods: string[]): void {
  if (!methods.includes(req.method ?? '')) {
    throw new HttpError(405, 'method_not_allowed', `use ${methods.join(' or ')}`, {
      allow: methods.join(', '),
    });
  }
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
