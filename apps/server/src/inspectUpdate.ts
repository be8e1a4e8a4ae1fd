import { MEETING_LOG } from '@ronde/domain';
import * as Y from 'yjs';

/**
 * Who appends process events (DESIGN 8, docs/trust-api.md): in a meeting
 * room, an update may only append to the root `log` array plain objects whose
 * `by` is the sender's user id. This module reads an update WITHOUT applying
 * it and says what it would do to `log`.
 *
 * Why not just look at `item.parent`: in Yjs's v1 encoding an item's parent
 * is written only when it has neither `origin` nor `rightOrigin`; every item
 * inserted next to another one (every append after the first event) arrives
 * with `parent === null` and inherits its parent from its left neighbour
 * (`origin`), or else its right one, when Yjs integrates it (`Item.getMissing`).
 * So membership of `log` is resolved the way Yjs will resolve it, by ID:
 *
 * - an ID below the document's state is looked up in the server's loaded doc
 *   (`findIndexSS`, a binary search; integrated items have a real parent
 *   type, whose root is compared with `doc.share.get('log')`);
 * - otherwise in the updates of this connection that are stored but not yet
 *   applied (`inFlight`: the store queue applies them asynchronously), then
 *   in the update itself, following `origin`, else `rightOrigin`, else the
 *   explicit parent (a root name, or the ID of the item holding a nested type);
 * - an ID found nowhere makes the item "unknown": Yjs would keep it pending
 *   and integrate it whenever that ID appears, possibly into `log`, so it is
 *   refused (a legitimate client only depends on what the server has, or on
 *   its own earlier updates, which are in the doc or in flight).
 *
 * Cost: decoding the update (linear in its size) plus O(log n) per reference
 * into the doc; the alternative, applying the update to a scratch doc loaded
 * from `encodeStateAsUpdate(doc)`, re-encodes and rebuilds the whole meeting
 * on every keystroke (see the figures printed by inspectUpdate.test.ts).
 *
 * Also refused, because they would let a member rewrite the process log:
 * keyed entries on `log` (`parentSub`), items nested inside a log entry,
 * content that is not plain JSON (`ContentAny`), deletions of log entries,
 * deletions of IDs the server does not know yet (Yjs keeps them pending and
 * would delete a future event of someone else), and updates naming one
 * client twice (Yjs reads only the last block; which one counts is ambiguous).
 */

type Struct = Y.Item | Y.GC;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

type Location =
  /** An element of the root `log` array. */
  | 'log'
  /** A keyed entry (`parentSub`) on the root `log` type. */
  | 'log-keyed'
  /** Anything inside a nested type that sits in `log`. */
  | 'in-log-entry'
  | 'elsewhere'
  /** Left or right neighbour was garbage collected: Yjs drops the item. */
  | 'discarded'
  /** Depends on an ID the server does not have: Yjs would keep it pending. */
  | 'unknown';

export interface InspectContext {
  /** The room's loaded document, as the server holds it. */
  readonly doc?: Y.Doc;
  /** This connection's updates already accepted and queued, not yet applied to `doc`. */
  readonly inFlight?: readonly Uint8Array[];
}

export type LogInspection =
  | {
      readonly ok: true;
      /** Every value the update appends to `log`, in update order. */
      readonly appended: readonly unknown[];
    }
  | { readonly ok: false; readonly reason: string };

export type ProcessEventCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** A struct from a decoded (not integrated) update: its `parent` is a root name, an ID or null. */
interface Decoded {
  readonly byClient: Map<number, Struct[]>;
}

/**
 * What `update` would append to the root `log` array, without applying it.
 *
 * @example
 * const result = inspectLogAppends(update, { doc: loaded.doc });
 * if (result.ok) console.log(result.appended.length);
 */
export function inspectLogAppends(update: Uint8Array, context: InspectContext = {}): LogInspection {
  const doc = context.doc ?? null;
  let decodedUpdate: { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: DeleteSet };
  let inFlight: Decoded;
  let own: Decoded;
  try {
    decodedUpdate = Y.decodeUpdate(update);
    own = index([decodedUpdate.structs], 'update');
    inFlight = index(
      (context.inFlight ?? []).map((u) => Y.decodeUpdate(u).structs),
      'in-flight',
    );
  } catch (error) {
    return { ok: false, reason: `unreadable update: ${(error as Error).message}` };
  }
  const logType = doc?.share.get(MEETING_LOG) ?? null;
  const decodedItems = new WeakSet<Y.Item>();
  for (const structs of [...own.byClient.values(), ...inFlight.byClient.values()]) {
    for (const struct of structs) if (struct instanceof Y.Item) decodedItems.add(struct);
  }
  const memo = new Map<Y.Item, Location>();

  const docState = (client: number): number => (doc ? Y.getState(doc.store, client) : 0);

  function resolve(id: Y.ID): Struct | null {
    if (doc && id.clock < docState(id.client)) {
      const structs = doc.store.clients.get(id.client);
      return structs ? (structs[Y.findIndexSS(structs, id.clock)] ?? null) : null;
    }
    return find(inFlight, id) ?? find(own, id);
  }

  /** Where an item the doc has integrated lives: walk up its parent types. */
  function integratedLocation(item: Y.Item): Location {
    let type = item.parent as Y.AbstractType<unknown> | null;
    let nested = false;
    let keyed = item.parentSub !== null;
    for (let depth = 0; type; depth++) {
      if (type._item === null) {
        if (type !== logType) return 'elsewhere';
        if (nested) return 'in-log-entry';
        return keyed ? 'log-keyed' : 'log';
      }
      if (depth > 10_000) return 'unknown';
      nested = true;
      keyed = false;
      type = type._item.parent as Y.AbstractType<unknown> | null;
    }
    return 'discarded';
  }

  /**
   * Where a decoded item will land. Iterative (an update may chain thousands
   * of items through their origins): follow the chain of dependencies until a
   * known location, then assign it back down the chain.
   */
  function locate(start: Y.Item): Location {
    const chain: Y.Item[] = [];
    /** `nested[i]`: chain[i] is a child of the type chain[i + 1] holds, not its neighbour. */
    const nested: boolean[] = [];
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
        found = 'unknown'; // a dependency cycle: Yjs would never integrate it
        break;
      }
      seen.add(current);
      const step = nextStep(current);
      if (typeof step === 'string') {
        memo.set(current, step);
        found = step;
        break;
      }
      chain.push(current);
      nested.push(step.nested);
      current = step.item;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      if (nested[i]) found = inside(found);
      memo.set(chain[i] as Y.Item, found);
    }
    return found;
  }

  /** The location of a decoded item if it is direct, else the item it depends on. */
  function nextStep(item: Y.Item): Location | { item: Y.Item; nested: boolean } {
    if (item.origin || item.rightOrigin) {
      const left = item.origin ? resolve(item.origin) : null;
      const right = item.rightOrigin ? resolve(item.rightOrigin) : null;
      if ((item.origin && !left) || (item.rightOrigin && !right)) return 'unknown';
      if (left instanceof Y.GC || right instanceof Y.GC) return 'discarded';
      const neighbour = (left ?? right) as Y.Item;
      return { item: neighbour, nested: false };
    }
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      if (parent !== MEETING_LOG) return 'elsewhere';
      return item.parentSub === null ? 'log' : 'log-keyed';
    }
    if (parent instanceof Y.ID) {
      const holder = resolve(parent);
      if (!holder) return 'unknown';
      if (holder instanceof Y.GC) return 'discarded';
      return { item: holder, nested: true };
    }
    return 'unknown';
  }

  const appended: unknown[] = [];
  for (const structs of own.byClient.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const state = docState(struct.id.client);
      if (struct.id.clock + struct.length <= state) continue; // already known: Yjs skips it
      const location = locate(struct);
      if (location === 'elsewhere' || location === 'discarded') continue;
      if (location === 'unknown') {
        return { ok: false, reason: 'depends on items the server does not have' };
      }
      if (location === 'log-keyed') return { ok: false, reason: 'a keyed entry on the log' };
      if (location === 'in-log-entry') return { ok: false, reason: 'an edit inside a log entry' };
      const content = struct.content;
      if (content instanceof Y.ContentDeleted) continue;
      if (!(content instanceof Y.ContentAny)) {
        return {
          ok: false,
          reason: `log content that is not plain JSON (${content.constructor.name})`,
        };
      }
      const offset = Math.max(0, state - struct.id.clock);
      appended.push(...content.arr.slice(offset));
    }
  }

  const deletes = checkDeletes(decodedUpdate.ds);
  if (deletes) return { ok: false, reason: deletes };
  return { ok: true, appended };

  /** A reason to refuse the delete set, or null. */
  function checkDeletes(ds: DeleteSet): string | null {
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) {
        const end = range.clock + range.len;
        for (let clock = range.clock; clock < end;) {
          const struct = resolve(Y.createID(client, clock));
          if (!struct) return 'deletes items the server does not have';
          const decoded = struct instanceof Y.Item && decodedItems.has(struct);
          // Deleting what the doc already deleted changes nothing.
          if (struct instanceof Y.Item && (decoded || !struct.deleted)) {
            const location = locate(struct);
            if (location === 'unknown') return 'deletes items the server does not have';
            if (location === 'log' || location === 'log-keyed' || location === 'in-log-entry') {
              return 'deletes process events';
            }
          }
          clock = struct.id.clock + struct.length;
        }
      }
    }
    return null;
  }
}

function inside(location: Location): Location {
  if (location === 'log' || location === 'log-keyed' || location === 'in-log-entry') {
    return 'in-log-entry';
  }
  return location;
}

/** Decoded structs by client, sorted by clock, Skips left out. */
function index(
  updates: ReadonlyArray<ReadonlyArray<Y.Item | Y.GC | Y.Skip>>,
  what: string,
): Decoded {
  const byClient = new Map<number, Struct[]>();
  for (const structs of updates) {
    const seenHere = new Set<number>();
    let previous: Y.Item | Y.GC | Y.Skip | null = null;
    for (const struct of structs) {
      const client = struct.id.client;
      if (previous?.id.client !== client) {
        if (seenHere.has(client)) throw new Error(`${what} names client ${client} twice`);
        seenHere.add(client);
      }
      previous = struct;
      if (struct instanceof Y.Skip) continue;
      let list = byClient.get(client);
      if (!list) byClient.set(client, (list = []));
      list.push(struct);
    }
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return { byClient };
}

/** The struct holding `id` among decoded ones, by binary search. */
function find(decoded: Decoded, id: Y.ID): Struct | null {
  const list = decoded.byClient.get(id.client);
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

/**
 * The `by` of every value `update` appends to `log` (`null` for a value with
 * no string `by`), or `'unreadable'` when the update cannot be judged (see
 * {@link inspectLogAppends} for what is refused).
 *
 * @example
 * processEventAuthors(update, { doc }); // ['u1abc', 'u1abc']
 */
export function processEventAuthors(
  update: Uint8Array,
  context: InspectContext = {},
): Array<string | null> | 'unreadable' {
  const result = inspectLogAppends(update, context);
  if (!result.ok) return 'unreadable';
  return result.appended.map((value) => {
    const by = isPlainObject(value) ? value.by : undefined;
    return typeof by === 'string' ? by : null;
  });
}

/**
 * Refuses an update that appends to `log` anything but plain objects whose
 * `by` is `userId`, or that rewrites the log (see {@link inspectLogAppends}).
 *
 * @example
 * const check = checkProcessEvents(message.update, identity.userId, { doc: loaded.doc });
 * if (!check.ok) refuse(check.reason);
 */
export function checkProcessEvents(
  update: Uint8Array,
  userId: string,
  context: InspectContext = {},
): ProcessEventCheck {
  const result = inspectLogAppends(update, context);
  if (!result.ok) return result;
  for (const value of result.appended) {
    if (!isPlainObject(value)) return { ok: false, reason: 'a log entry that is not an object' };
    if (value.by !== userId) {
      return {
        ok: false,
        reason:
          typeof value.by === 'string'
            ? 'a process event by someone else'
            : 'a process event with no author',
      };
    }
  }
  return { ok: true };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
