import * as Y from 'yjs';
import type { LocatedWrite } from './locateUpdate.ts';

/** An action's owner as an update leaves it: the id, and the name shown beside it. */
export interface OwnerNaming {
  readonly actionId: string;
  readonly ownerId: string;
  readonly ownerName: string;
}

const OWNER_FIELDS = new Set(['ownerId', 'ownerName']);

function written(write: LocatedWrite): unknown {
  const content = write.content;
  if (content instanceof Y.ContentAny) return content.arr[content.arr.length - 1];
  if (content instanceof Y.ContentString) return content.str;
  return undefined;
}

/**
 * The owner of every action whose `ownerId` or `ownerName` the update
 * writes, as the update leaves it: a field it writes (its last write; a
 * field it only deletes reads as absent), else the one the document holds.
 * Empty for an update that writes neither, which is nearly every update.
 *
 * @example
 * ownerNamings(located.writes, spaceDoc); // [{ actionId, ownerId, ownerName }]
 */
export function ownerNamings(writes: readonly LocatedWrite[], doc: Y.Doc): OwnerNaming[] {
  let touched: Map<string, Map<string, unknown>> | null = null;
  for (const write of writes) {
    const [key, field] = write.path.keys;
    if (write.path.root !== 'actions' || typeof key !== 'string') continue;
    if (typeof field !== 'string' || !OWNER_FIELDS.has(field)) continue;
    touched ??= new Map();
    const fields = touched.get(key) ?? new Map<string, unknown>();
    touched.set(key, fields);
    if (write.op === 'insert') fields.set(field, written(write));
    else if (!fields.has(field)) fields.set(field, undefined);
  }
  if (touched === null) return [];
  const actions = doc.getMap('actions');
  return [...touched].map(([actionId, fields]) => {
    const entry = actions.get(actionId);
    const held = (field: string): unknown =>
      fields.has(field) ? fields.get(field) : entry instanceof Y.Map ? entry.get(field) : undefined;
    const ownerId = held('ownerId');
    const ownerName = held('ownerName');
    return {
      actionId,
      ownerId: typeof ownerId === 'string' ? ownerId : '',
      ownerName: typeof ownerName === 'string' ? ownerName : '',
    };
  });
}

/**
 * NAME-6: an action names its owner as the space knows them. Each owner's
 * name is empty (shown as "someone") or the registered name of the member
 * its id is (`names`: the space's members, by id); the refusal reason, or
 * `null`. A former member is named by no one's write.
 *
 * @example
 * ownerNameRefusal([{ actionId: 'a', ownerId: 'u', ownerName: 'Eve' }], new Map([['u', 'Ada']]));
 * // 'an action names its owner Eve, whom the space knows as Ada'
 */
export function ownerNameRefusal(
  namings: readonly OwnerNaming[],
  names: ReadonlyMap<string, string>,
): string | null {
  for (const { ownerId, ownerName } of namings) {
    if (ownerName === '') continue;
    const registered = names.get(ownerId);
    if (registered === undefined) {
      return `an action names its owner ${ownerName}, who is not a member of the space`;
    }
    if (registered !== ownerName) {
      return registered === ''
        ? `an action names its owner ${ownerName}, who has no name in the space`
        : `an action names its owner ${ownerName}, whom the space knows as ${registered}`;
    }
  }
  return null;
}
