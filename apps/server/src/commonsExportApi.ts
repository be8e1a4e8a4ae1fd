import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  commonsHtml,
  commonsMarkdown,
  decisionsRecord,
  EXPORT_LANGUAGES,
  fragmentToTree,
  isId,
  listDecisions,
  proposalBody,
  proposalDriver,
  proposalRecord,
  proposalTitle,
  readProposal,
  readSpace,
  roomName,
  spaceRoom,
  type AuthoredVersion,
  type CommonsProposal,
  type CommonsRecord,
  type DecisionEntry,
  type DocNode,
} from '@ronde/domain';
import type { AccessStore } from './accessStore.ts';
import type { DocumentRegistry, LoadedDocument } from './documents.ts';
import { decisionExport, type DecisionExport, type ExportApiContext } from './exportApi.ts';
import { spaceNames } from './formerMembers.ts';
import { HttpError, requireMethod, sendJson } from './httpJson.ts';
import type { Versions } from './versions.ts';
import { requireMember } from './bearerMember.ts';

/**
 * Commons exports (server SPEC COMMONS): a decision, a proposal (current
 * text or a named version) or the whole decision log as Markdown, HTML or
 * JSON, under CC BY-SA 4.0 with every contributor; the JSON of a decision is
 * the verifiable `ronde-decision/1` export (CONS-10) with the commons fields
 * beside it.
 */

export const EXPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface CommonsApiContext {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  readonly secret: Uint8Array;
  readonly access: Pick<AccessStore, 'getMember' | 'listMembers'> & ExportApiContext['access'];
  readonly versions?: Pick<Versions, 'view' | 'shares'>;
  readonly now?: () => number;
}

const ROUTE = /^\/api\/spaces\/([^/]+)\/commons\/(decisions|proposals)(?:\/([^/]+))?$/;

/**
 * `GET /api/spaces/:spaceId/commons/decisions[/:decisionId]` and
 * `GET /api/spaces/:spaceId/commons/proposals/:proposalId` with
 * `?format=md|html|json` (default json), `&lang=en|fr` (default en) and,
 * for a proposal, `&version=<id>`. Any member (Bearer session token).
 * Returns false for any other path.
 *
 * @example
 * if (await handleCommonsExportApi(req, res, path, ctx)) return;
 */
export async function handleCommonsExportApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: CommonsApiContext,
): Promise<boolean> {
  const match = ROUTE.exec(path);
  if (!match) return false;
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const [, spaceId = '', kind = '', id] = match;
  if (!isId(spaceId) || (id !== undefined && !isId(id)) || (kind === 'proposals' && !id)) {
    throw new HttpError(404, 'not_found', `no API route ${path}`);
  }
  requireMethod(req, 'GET');
  const format = oneOf(EXPORT_FORMATS, query.get('format') ?? 'json', 'format');
  const language = oneOf(EXPORT_LANGUAGES, query.get('lang') ?? 'en', 'lang');
  await requireMember(req, spaceId, ctx);
  const now = (ctx.now ?? Date.now)();
  const space = await withDocument(ctx.registry, spaceRoom(spaceId), ({ doc }) => ({
    info: readSpace(doc),
    decisions: listDecisions(doc),
  }));
  if (space.info === null) throw new HttpError(404, 'not_found', 'no such space');
  const spaceRef = { id: spaceId, name: space.info.name };
  let record: CommonsRecord;
  let name: string;
  if (kind === 'decisions' && id) {
    const entry = space.decisions.find((d) => d.id === id);
    if (!entry) throw new HttpError(404, 'not_found', 'no such decision');
    record = decisionsRecord({
      scope: 'decision',
      title: entry.title,
      space: spaceRef,
      exportedAt: now,
      decisions: [entry],
    });
    name = `decision-${id}`;
  } else if (kind === 'decisions') {
    record = decisionsRecord({
      scope: 'decision-log',
      title: space.info.name,
      space: spaceRef,
      exportedAt: now,
      decisions: space.decisions,
    });
    name = `decisions-${spaceId}`;
  } else {
    record = await proposalExport(ctx, spaceRef, id!, query.get('version'), space.decisions, now);
    name = `proposal-${id}${query.get('version') ? `-${query.get('version')}` : ''}`;
  }
  const filename = `${name}.${format}`;
  if (format === 'json') {
    sendJson(res, 200, await jsonOf(ctx, spaceId, record), {
      'content-disposition': `attachment; filename="${filename}"`,
    });
    return true;
  }
  const body = format === 'md' ? commonsMarkdown(record, language) : commonsHtml(record, language);
  res.writeHead(200, {
    'content-type': format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  });
  res.end(body);
  return true;
}

function oneOf<T extends string>(values: readonly T[], value: string, name: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new HttpError(400, 'invalid_query', `${name}: one of ${values.join(', ')}`);
}

/** A proposal's record: the current text, or a version's (VERS) when asked. */
async function proposalExport(
  ctx: CommonsApiContext,
  space: CommonsRecord['space'],
  proposalId: string,
  versionId: string | null,
  decisions: readonly DecisionEntry[],
  now: number,
): Promise<CommonsRecord> {
  const room = roomName({ spaceId: space.id, kind: 'proposal', id: proposalId });
  // Former members of an imported space keep their names (BACKUP-6).
  const names = new Map(Object.entries(await spaceNames(ctx, space.id)));
  const current = await withDocument(ctx.registry, room, async ({ doc }) => {
    const meta = readProposal(doc);
    if (meta === null || meta.id !== proposalId) return null;
    return {
      status: meta.status,
      title: proposalTitle(doc).toString(),
      driver: proposalDriver(doc).toString(),
      body: fragmentToTree(proposalBody(doc)),
      shares: ctx.versions ? await ctx.versions.shares(room, doc) : [],
    };
  });
  if (current === null) throw new HttpError(404, 'not_found', 'no such proposal');
  let proposal: CommonsProposal = { id: proposalId, ...current, version: null };
  let shares: readonly { author: string | null }[] = current.shares;
  if (versionId !== null) {
    if (versionId.length > 200 || !ctx.versions) {
      throw new HttpError(404, 'not_found', 'no such version');
    }
    const view = await ctx.versions.view(room, versionId);
    if (view === null) throw new HttpError(404, 'not_found', 'no such version');
    proposal = {
      ...proposal,
      ...versionText(view.text),
      version: {
        id: view.version.id,
        kind: view.version.kind,
        name: view.version.name,
        at: view.version.at,
      },
    };
    shares = view.shares;
  }
  return proposalRecord({
    space,
    exportedAt: now,
    proposal,
    authors: shares.flatMap((s) =>
      s.author === null ? [] : [{ id: s.author, name: names.get(s.author) ?? '' }],
    ),
    decisions,
  });
}

/** A version's authored text as the plain text and tree an export renders. */
function versionText(text: AuthoredVersion): Pick<CommonsProposal, 'title' | 'driver' | 'body'> {
  const plain = (blocks: AuthoredVersion['title']) =>
    blocks.map((b) => b.runs.map((r) => r.text).join('')).join(' ');
  const body: DocNode[] = text.body.map((b) => ({
    type: b.type === 'heading' ? 'heading' : 'paragraph',
    content: [{ type: 'text', text: b.runs.map((r) => r.text).join('') }],
  }));
  return { title: plain(text.title), driver: plain(text.driver), body };
}

/**
 * The JSON of a record: a single decision is its `ronde-decision/1` export
 * (signed events and device keys, so `pnpm verify-decision` checks it) with
 * the commons fields; a log or a proposal lists each decision's export.
 */
async function jsonOf(
  ctx: CommonsApiContext,
  spaceId: string,
  record: CommonsRecord,
): Promise<unknown> {
  const commons = {
    licence: record.licence.name,
    licenceUrl: record.licence.url,
    space: record.space,
    exportedAt: record.exportedAt,
    title: record.title,
    contributors: record.contributors,
  };
  const verifiable = async (entry: DecisionEntry): Promise<DecisionExport | null> => {
    try {
      return await decisionExport(ctx, spaceId, entry.id);
    } catch (error) {
      // A decision without a meeting log to prove it (an asynchronous consent) is listed as recorded.
      if (error instanceof HttpError && (error.status === 409 || error.status === 404)) return null;
      throw error;
    }
  };
  if (record.scope === 'decision') {
    const entry = record.decisions[0]!;
    const proof = await verifiable(entry);
    return proof
      ? { ...proof, ...commons }
      : { format: 'ronde-commons/1', ...commons, decision: entry, events: null };
  }
  const decisions = [];
  for (const entry of record.decisions) {
    decisions.push({ decision: entry, export: await verifiable(entry) });
  }
  return {
    format: record.scope === 'proposal' ? 'ronde-proposal/1' : 'ronde-decision-log/1',
    ...commons,
    ...(record.proposal ? { proposal: record.proposal } : {}),
    decisions,
  };
}

async function withDocument<T>(
  registry: Pick<DocumentRegistry, 'open'>,
  name: string,
  use: (document: LoadedDocument) => T | Promise<T>,
): Promise<T> {
  const handle = registry.open(name);
  try {
    return await use(await handle.ready);
  } finally {
    handle.release();
  }
}
