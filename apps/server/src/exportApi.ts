import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  isId,
  listAgenda,
  listPeople,
  readDecision,
  readLog,
  roomName,
  spaceDecisions,
  spaceRoom,
} from '@ronde/domain';
import type { AccessStore } from './accessStore.ts';
import { requireMember } from './bearerMember.ts';
import type { DocumentRegistry, LoadedDocument } from './documents.ts';
import { HttpError, requireMethod, sendJson } from './httpJson.ts';

/** The format name of a decision export; a verifier refuses any other. */
export const DECISION_EXPORT_FORMAT = 'ronde-decision/1';
export const DECISION_EXPORT_LICENCE = 'CC BY-SA 4.0';

/** A device key as an export lists it (docs/legitimacy.md §2). */
export interface ExportedKey {
  readonly keyId: string;
  readonly userId: string;
  readonly publicKey: string;
  readonly addedAt: number;
}

/**
 * What `GET /api/spaces/:spaceId/decisions/:decisionId/export` answers
 * (docs/trust-api.md, SPEC CONS-10): everything an offline verifier needs to
 * check a decision without trusting the server.
 */
export interface DecisionExport {
  readonly format: typeof DECISION_EXPORT_FORMAT;
  readonly licence: typeof DECISION_EXPORT_LICENCE;
  /** The meeting's room: what every event's signature is bound to. */
  readonly room: string;
  /** The decision entry, as the space document stores it. */
  readonly decision: unknown;
  /** The meeting's log up to and including the outcome event, as stored (with `kid`, `sig`). */
  readonly events: readonly unknown[];
  /** The fold's context, as the meeting document holds it now (not signed). */
  readonly context: { readonly agenda: readonly unknown[]; readonly people: readonly unknown[] };
  /** Every device key of the space. */
  readonly keys: readonly ExportedKey[];
}

export interface ExportApiContext {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  readonly secret: Uint8Array;
  readonly access: Pick<AccessStore, 'getMember'> & {
    listDeviceKeys(spaceId: string): Promise<readonly ExportedKey[]>;
  };
  readonly now?: () => number;
}

const EXPORT_ROUTE = /^\/api\/spaces\/([^/]+)\/decisions\/([^/]+)\/export$/;

/**
 * `GET /api/spaces/:spaceId/decisions/:decisionId/export` for any member of
 * the space (Bearer session token): 200 with a {@link DecisionExport}, 404
 * for an unknown decision, 409 when the meeting's log lacks its outcome.
 * Returns false for any other path.
 *
 * @example
 * if (await handleExportApi(req, res, path, ctx)) return;
 */
export async function handleExportApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: ExportApiContext,
): Promise<boolean> {
  const match = EXPORT_ROUTE.exec(path);
  if (!match) return false;
  const [, spaceId = '', decisionId = ''] = match;
  if (!isId(spaceId) || !isId(decisionId)) {
    throw new HttpError(404, 'not_found', `no API route ${path}`);
  }
  requireMethod(req, 'GET');
  await requireMember(req, spaceId, ctx);
  const found = await decisionExport(ctx, spaceId, decisionId);
  sendJson(res, 200, found, {
    'content-disposition': `attachment; filename="decision-${decisionId}.json"`,
  });
  return true;
}

/**
 * The export of one decision (no access check: the route does it). Throws
 * an {@link HttpError} 404 for an unknown decision, 409 when the meeting's
 * log lacks its outcome event.
 *
 * @example
 * const data = await decisionExport(ctx, spaceId, decisionId);
 */
export async function decisionExport(
  ctx: Pick<ExportApiContext, 'registry' | 'access'>,
  spaceId: string,
  decisionId: string,
): Promise<DecisionExport> {
  const stored = await withDocument(ctx.registry, spaceRoom(spaceId), ({ doc }) => ({
    raw: spaceDecisions(doc).get(decisionId),
    entry: readDecision(doc, decisionId),
  }));
  if (stored.entry === null) throw new HttpError(404, 'not_found', 'no such decision');
  const room = roomName({ spaceId, kind: 'meeting', id: stored.entry.meeting.id });
  const meeting = await withDocument(ctx.registry, room, ({ doc }) => {
    const log = readLog(doc);
    const index = log.findIndex((event) => idOf(event) === decisionId);
    return {
      events: index < 0 ? null : log.slice(0, index + 1),
      context: { agenda: listAgenda(doc), people: listPeople(doc) },
    };
  });
  if (meeting.events === null) {
    throw new HttpError(409, 'outcome_missing', 'the meeting’s log lacks this decision’s outcome');
  }
  const keys = (await ctx.access.listDeviceKeys(spaceId)).map(
    ({ keyId, userId, publicKey, addedAt }) => ({ keyId, userId, publicKey, addedAt }),
  );
  return {
    format: DECISION_EXPORT_FORMAT,
    licence: DECISION_EXPORT_LICENCE,
    room,
    decision: stored.raw,
    events: meeting.events,
    context: meeting.context,
    keys,
  };
}

function idOf(event: unknown): unknown {
  return typeof event === 'object' && event !== null ? (event as { id?: unknown }).id : undefined;
}

async function withDocument<T>(
  registry: Pick<DocumentRegistry, 'open'>,
  name: string,
  use: (document: LoadedDocument) => T,
): Promise<T> {
  const handle = registry.open(name);
  try {
    return use(await handle.ready);
  } finally {
    handle.release();
  }
}
