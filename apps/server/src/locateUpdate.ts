import * as Y from 'yjs';
import { parseUpdate, type DeleteSet, type ParsedUpdate } from './parseUpdate.ts';

/**
 * Where a client update would write, read WITHOUT applying it (SPEC
 * WRITE-1). The write policy (writePolicy.ts) then says whether its author
 * may write there.
 *
 * Every new struct and every deleted struct is located by its **path**: the
 * name of the root type, then the key (`parentSub`) at each level below it,
 * `null` for a position in a sequence (array, text, XML). So `people.set(k, m)`
 * is `people/k`, `m.set('role', …)` is `people/k/role`, a push to the `log`
 * array is `log/∅`, a keystroke in the body is `body/∅/…`.
 *
 * Why by ID, not by `item.parent`: in Yjs's v1 encoding an item's parent and
 * key are written only when it has neither `origin` nor `rightOrigin`; an item
 * inserted next to another one (every append after the first, every
 * overwrite of a map key) arrives with `parent === null` and inherits parent
 * and key from its left neighbour, else its right one, when Yjs integrates it
 * (`Item.getMissing`). So the path is resolved the way Yjs will resolve it:
 *
 * - an ID below the document's state is looked up in the server's loaded doc
 *   (`findIndexSS`, a binary search); an integrated item has a real parent
 *   type, walked up to its root;
 * - otherwise in the update itself, following `origin`, else `rightOrigin`,
 *   else the explicit parent (a root name, or the ID of the item holding a
 *   nested type);
 * - an ID found nowhere makes the struct "unknown": Yjs would keep it pending
 *   and integrate it whenever that ID appears, anywhere, so it is refused (an
 *   honest client only depends on what the server has: its updates are
 *   checked in order inside the document's store queue, after every earlier
 *   one was applied).
 *
 * A deleted type's contents are deleted with it: only the type's removal is
 * reported (removing an agenda item is one write, not one per field).
 *
 * The update arrives decoded (`parseUpdate`, called once by protocol.ts);
 * it is decoded here only when called without that parse (tests).
 *
 * Also refused: deletions of IDs the server does not have (Yjs keeps them
 * pending and would delete a future item of someone else) and updates naming
 * one client twice, adjacent blocks included (Yjs keeps only the last block,
 * which may then wait, pending, for a clock another update fills). Cost: decoding the update (linear in its size) plus O(log n)
 * per reference into the doc.
 */

type Struct = Y.Item | Y.GC;
type Content = Y.Item['content'];

/** Root name, then the key at each level below it (`null`: a sequence position). */
export interface WritePath {
  readonly root: string;
  readonly keys: readonly (string | null)[];
}

export interface LocatedWrite {
  readonly op: 'insert' | 'delete';
  readonly path: WritePath;
  /**
   * For an insert: the new content (for plain JSON, only the part the server
   * does not have yet). For a delete: the content being deleted.
   */
  readonly content: Content;
  /**
   * Which units of `content` this write makes, `[from, from + length)` (Yjs
   * units: UTF-16 code units of a string): the new part of an insert, the
   * deleted part of a struct (a deletion may cover part of one). Counts
   * characters for the contribution record (AUTHOR-3).
   */
  readonly from: number;
  readonly length: number;
}

export type Location =
  | { readonly at: 'path'; readonly path: WritePath }
  /** Left or right neighbour was garbage collected: Yjs drops the item. */
  | { readonly at: 'discarded' }
  /** Depends on an ID the server does not have: Yjs would keep it pending. */
  | { readonly at: 'unknown' };

export type UpdateLocation =
  | { readonly ok: true; readonly writes: readonly LocatedWrite[] }
  | { readonly ok: false; readonly reason: string };

const UNKNOWN: Location = { at: 'unknown' };
const DISCARDED: Location = { at: 'discarded' };

/**
 * Every write `update` would make to `doc`, located by path, without
 * applying it. Writes the doc already has (a full-state sync step 2) are left
 * out; garbage-collected placeholders carry no content and are left out.
 *
 * @example
 * const located = locateUpdate(update, loaded.doc);
 * if (located.ok) for (const w of located.writes) console.log(w.op, w.path.root, w.path.keys);
 */
export function locateUpdate(
  update: Uint8Array,
  doc: Y.Doc,
  parsed?: ParsedUpdate,
): UpdateLocation {
  let decoded: ParsedUpdate;
  let own: Map<number, Struct[]>;
  try {
    // The message decoder hands its parse on (protocol.ts): the update is decoded once.
    decoded = parsed ?? parseUpdate(update);
    own = index(decoded.structs, decoded.blocks);
  } catch (error) {
    return { ok: false, reason: `unreadable update: ${(error as Error).message}` };
  }
  const rootNames = new Map<unknown, string>();
  for (const [name, type] of doc.share) rootNames.set(type, name);
  const decodedItems = new WeakSet<Y.Item>();
  for (const structs of own.values()) {
    for (const struct of structs) if (struct instanceof Y.Item) decodedItems.add(struct);
  }
  const memo = new Map<Y.Item, Location>();
  const docState = (client: number): number => Y.getState(doc.store, client);

  function resolve(id: Y.ID): Struct | null {
    if (id.clock < docState(id.client)) {
      const structs = doc.store.clients.get(id.client);
      return structs ? (structs[Y.findIndexSS(structs, id.clock)] ?? null) : null;
    }
    return find(own, id);
  }

  /** Where an item the doc has integrated lives: walk up its parent types. */
  function integratedLocation(item: Y.Item): Location {
    const keys: (string | null)[] = [item.parentSub];
    let type = item.parent as Y.AbstractType<unknown> | null;
    for (let depth = 0; type; depth++) {
      if (type._item === null) {
        const root = rootNames.get(type);
        return root === undefined ? UNKNOWN : { at: 'path', path: { root, keys: keys.reverse() } };
      }
      if (depth > 10_000) return UNKNOWN;
      keys.push(type._item.parentSub);
      type = type._item.parent as Y.AbstractType<unknown> | null;
    }
    return DISCARDED;
  }

  /**
   * Where a decoded item will land. Iterative (an update may chain thousands
   * of items through their origins): follow the chain of dependencies until a
   * known location, then assign it back down the chain.
   */
  function locate(start: Y.Item): Location {
    const chain: Y.Item[] = [];
    /** `child[i]`: chain[i] is a child (with this key) of the type chain[i + 1] holds; else a neighbour. */
    const child: Array<{ key: string | null } | null> = [];
    const seen = new Set<Y.Item>();
    let current = start;
    let found: Location;
    for (;;) {
      const known = memo.get(current);
      if (known) {
        found = known;
        break;
      }
      if (!decodedItems.has(current)) {
        found = integratedLocation(current);
        break;
      }
      if (seen.has(current)) {
        found = UNKNOWN; // a dependency cycle: Yjs would never integrate it
        break;
      }
      seen.add(current);
      const step = nextStep(current);
      if ('at' in step) {
        memo.set(current, step);
        found = step;
        break;
      }
      chain.push(current);
      child.push(step.child);
      current = step.item;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = child[i];
      if (link && found.at === 'path') {
        found = {
          at: 'path',
          path: { root: found.path.root, keys: [...found.path.keys, link.key] },
        };
      }
      memo.set(chain[i] as Y.Item, found);
    }
    return found;
  }

  /** The location of a decoded item if it is direct, else the item it depends on. */
  function nextStep(
    item: Y.Item,
  ): Location | { item: Y.Item; child: { key: string | null } | null } {
    if (item.origin || item.rightOrigin) {
      const left = item.origin ? resolve(item.origin) : null;
      const right = item.rightOrigin ? resolve(item.rightOrigin) : null;
      if ((item.origin && !left) || (item.rightOrigin && !right)) return UNKNOWN;
      if (left instanceof Y.GC || right instanceof Y.GC) return DISCARDED;
      return { item: (left ?? right) as Y.Item, child: null };
    }
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      return { at: 'path', path: { root: parent, keys: [item.parentSub] } };
    }
    if (parent instanceof Y.ID) {
      const holder = resolve(parent);
      if (!holder) return UNKNOWN;
      if (holder instanceof Y.GC) return DISCARDED;
      return { item: holder, child: { key: item.parentSub } };
    }
    return UNKNOWN;
  }

  const writes: LocatedWrite[] = [];
  for (const structs of own.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const state = docState(struct.id.client);
      if (struct.id.clock + struct.length <= state) continue; // already known: Yjs skips it
      const location = locate(struct);
      if (location.at === 'discarded') continue;
      if (location.at === 'unknown') {
        return { ok: false, reason: 'depends on items the server does not have' };
      }
      const offset = Math.max(0, state - struct.id.clock);
      const sliced = offset > 0 && struct.content instanceof Y.ContentAny;
      const content =
        offset > 0 && struct.content instanceof Y.ContentAny
          ? new Y.ContentAny(struct.content.arr.slice(offset))
          : struct.content;
      writes.push({
        op: 'insert',
        path: location.path,
        content,
        from: sliced ? 0 : offset,
        length: struct.length - offset,
      });
    }
  }

  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      const end = range.clock + range.len;
      for (let clock = range.clock; clock < end;) {
        const struct = resolve(Y.createID(client, clock));
        if (!struct) return { ok: false, reason: 'deletes items the server does not have' };
        const fresh = struct instanceof Y.Item && decodedItems.has(struct);
        // Deleting what the doc already deleted changes nothing; the contents of a type
        // this update deletes go with it (Yjs deletes them too): that type's removal is the write.
        if (
          struct instanceof Y.Item &&
          (fresh || (!struct.deleted && !removedWithHolder(struct, decoded.ds)))
        ) {
          const location = locate(struct);
          if (location.at === 'unknown') {
            return { ok: false, reason: 'deletes items the server does not have' };
          }
          if (location.at === 'path') {
            const until = Math.min(end, struct.id.clock + struct.length);
            writes.push({
              op: 'delete',
              path: location.path,
              content: struct.content,
              from: clock - struct.id.clock,
              length: until - clock,
            });
          }
        }
        clock = struct.id.clock + struct.length;
      }
    }
  }
  return { ok: true, writes };
}

/** An integrated item whose holding type's item this update deletes too (and the doc has not). */
function removedWithHolder(item: Y.Item, ds: DeleteSet): boolean {
  const holder = (item.parent as Y.AbstractType<unknown> | null)?._item ?? null;
  return holder !== null && !holder.deleted && Y.isDeleted(ds, holder.id);
}

/** Decoded structs by client, sorted by clock, Skips left out. */
function index(
  structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
  blocks: readonly number[],
): Map<number, Struct[]> {
  const seenHere = new Set<number>();
  for (const client of blocks) {
    if (seenHere.has(client)) throw new Error(`the update names client ${client} twice`);
    seenHere.add(client);
  }
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const client = struct.id.client;
    if (struct instanceof Y.Skip) continue;
    let list = byClient.get(client);
    if (!list) byClient.set(client, (list = []));
    list.push(struct);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return byClient;
}

/** The struct holding `id` among decoded ones, by binary search. */
function find(decoded: Map<number, Struct[]>, id: Y.ID): Struct | null {
  const list = decoded.get(id.client);
  if (!list) return null;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = list[mid] as Struct;
    if (id.clock < struct.id.clock) high = mid - 1;
    else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return null;
}
