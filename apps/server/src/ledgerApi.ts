import type { IncomingMessage, ServerResponse } from 'node:http';
import { isId, listProposals, roomName, spaceRoom, type WrittenText } from '@ronde/domain';
import type { AccessStore } from './accessStore.ts';
import type { DocumentRegistry } from './documents.ts';
import { spaceNames } from './formerMembers.ts';
import { HttpError, requireMethod, sendJson } from './httpJson.ts';
import type { Storage } from './storage.ts';
import { requireMember } from './bearerMember.ts';

export interface LedgerApiContext {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  readonly secret: Uint8Array;
  readonly access: Pick<AccessStore, 'getMember' | 'listMembers'>;
  readonly contributions: Pick<Storage, 'listContributions'>;
  readonly now?: () => number;
}

const ROUTE = /^\/api\/spaces\/([^/]+)\/contributions$/;

/**
 * `GET /api/spaces/:spaceId/contributions` (server SPEC LEDGERSRV-1) for any
 * member of the space: `{ written, names }`, the characters each member
 * inserted and deleted in each proposal the space lists, summed from the
 * server's attested rows (AUTHOR-3), proposals then members in code-unit
 * order; `names` maps every member id to their display name now (and a
 * former member of an imported space to theirs, BACKUP-6). The
 * client derives the rest of the ledger from the space document.
 *
 * @example
 * if (await handleLedgerApi(req, res, path, ctx)) return;
 */
export async function handleLedgerApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  ctx: LedgerApiContext,
): Promise<boolean> {
  const match = ROUTE.exec(path);
  if (!match) return false;
  const spaceId = match[1] ?? '';
  if (!isId(spaceId)) throw new HttpError(404, 'not_found', `no API route ${path}`);
  requireMethod(req, 'GET');
  await requireMember(req, spaceId, ctx);
  const written = await writtenText(ctx, spaceId);
  // Former members of an imported space keep their names (BACKUP-6).
  sendJson(res, 200, { written, names: await spaceNames(ctx, spaceId) });
  return true;
}

/** Per proposal of the space and member: characters inserted and deleted (LEDGERSRV-1). */
export async function writtenText(
  ctx: Pick<LedgerApiContext, 'registry' | 'contributions'>,
  spaceId: string,
): Promise<WrittenText[]> {
  const handle = ctx.registry.open(spaceRoom(spaceId));
  let proposalIds: string[];
  try {
    proposalIds = listProposals((await handle.ready).doc).map((p) => p.id);
  } finally {
    handle.release();
  }
  const written: WrittenText[] = [];
  for (const proposalId of proposalIds.sort()) {
    const room = roomName({ spaceId, kind: 'proposal', id: proposalId });
    const sums = new Map<string, { inserted: number; deleted: number }>();
    for (const row of await ctx.contributions.listContributions(room)) {
      const sum = sums.get(row.member) ?? { inserted: 0, deleted: 0 };
      sum.inserted += row.inserted;
      sum.deleted += row.deleted;
      sums.set(row.member, sum);
    }
    for (const [member, sum] of [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (sum.inserted > 0 || sum.deleted > 0) written.push({ proposalId, member, ...sum });
    }
  }
  return written;
}
