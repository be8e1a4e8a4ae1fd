import { spaceRoom } from '@ronde/domain';
import * as Y from 'yjs';
import type { AccessStore } from './accessStore.ts';
import type { BackupMember } from './backup.ts';
import type { DocumentRegistry } from './documents.ts';

/**
 * The members a space had before it was imported from a backup (server SPEC
 * BACKUP-6): their ids, names, roles and join times, kept in the space
 * document's `formerMembers` map so that the text they wrote, the versions
 * they named and the exports that credit them still carry their names on
 * the new instance, and travel with the next backup. Only the server writes
 * it: it is no root of the space in the write policy, so a client update
 * touching it is refused (WRITE-2).
 */
export const FORMER_MEMBERS_ROOT = 'formerMembers';

/** The space document's map of former members, by user id. */
export function formerMembers(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(FORMER_MEMBERS_ROOT);
}

/**
 * The space document's state with the file's members added to its former
 * members (a member listed again replaces the older entry), written by a
 * client id that no binding of the file names.
 *
 * @example
 * const state = withFormerMembers(spaceState, checked.members, boundIds);
 */
export function withFormerMembers(
  state: Uint8Array,
  members: readonly BackupMember[],
  boundClientIds: ReadonlySet<number>,
): Uint8Array {
  if (members.length === 0) return state;
  const doc = new Y.Doc();
  try {
    while (boundClientIds.has(doc.clientID)) doc.clientID = (doc.clientID + 1) >>> 0;
    Y.applyUpdate(doc, state);
    doc.transact(() => {
      const map = formerMembers(doc);
      for (const { userId, name, role, joinedAt } of members) {
        map.set(userId, { name, role, joinedAt });
      }
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Former members' names from a space document: user id → name.
 *
 * @example
 * readFormerNames(spaceDoc); // { ana00001: 'Ana' }
 */
export function readFormerNames(doc: Y.Doc): Record<string, string> {
  const names: Record<string, string> = {};
  formerMembers(doc).forEach((value, userId) => {
    const name = (value as { name?: unknown } | null)?.name;
    if (typeof name === 'string') names[userId] = name;
  });
  return names;
}

/**
 * Every name the space knows: its former members' (BACKUP-6), then its
 * current members' over them (their name now).
 *
 * @example
 * const names = await spaceNames(ctx, spaceId); // { user0001: 'Zoé', ana00001: 'Ana' }
 */
export async function spaceNames(
  ctx: {
    readonly registry: Pick<DocumentRegistry, 'open'>;
    readonly access: Pick<AccessStore, 'listMembers'>;
  },
  spaceId: string,
): Promise<Record<string, string>> {
  const handle = ctx.registry.open(spaceRoom(spaceId));
  let former: Record<string, string>;
  try {
    former = readFormerNames((await handle.ready).doc);
  } finally {
    handle.release();
  }
  const members = await ctx.access.listMembers(spaceId);
  return { ...former, ...Object.fromEntries(members.map((m) => [m.userId, m.name])) };
}
