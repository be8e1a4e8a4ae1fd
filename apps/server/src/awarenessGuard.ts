import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessEntry } from './protocol.ts';
import { ownNameRefusal } from './displayName.ts';

/** How many presence states one connection may hold (a tab shows one per room). */
export const MAX_AWARENESS_STATES_PER_CONNECTION = 8;

/**
 * Presence bound to its connection (SPEC AWARE-1 … AWARE-4). Yjs awareness
 * trusts whoever names a clientID; the server does not:
 *
 * - AWARE-1 a connection sets or removes only the states of clientIDs it
 *   introduced; a clientID that another member's connection holds is not
 *   its to touch (one of the same member's may take it over: a tab that
 *   reconnected before its old socket timed out), nor one whose state,
 *   relayed from another instance, names another member;
 * - AWARE-2 at most {@link MAX_AWARENESS_STATES_PER_CONNECTION} clientIDs per
 *   connection;
 * - AWARE-3 a state that names a user (`user.id`) names the connection's own,
 *   and a state that gives a name (`user.name`) gives the member's registered
 *   one (NAME-4; an unnamed member gives none);
 * - AWARE-4 observers show presence too, under the same rules.
 *
 * Entries that break a rule are dropped (the rest of the message stands) and
 * counted, so the connection can log or close.
 */
export interface AwarenessGuard {
  /** The entries this connection may apply; `refused` counts the others. */
  filter(entries: readonly AwarenessEntry[]): { allowed: AwarenessEntry[]; refused: number };
  /** The clientIDs this connection holds (removed from the room when it closes). */
  readonly owned: ReadonlySet<number>;
}

/** Who holds each clientID of a room: shared by the room's connections. */
export type AwarenessOwners = Map<
  number,
  { readonly userId: string | null; readonly connection: object }
>;

const owners = new WeakMap<Awareness, AwarenessOwners>();
/** The awareness each owner table was made for: its states include other instances' (CLUSTER-4). */
const roomOf = new WeakMap<AwarenessOwners, Awareness>();

/** The owner table of a room's awareness. */
export function awarenessOwners(awareness: Awareness): AwarenessOwners {
  let table = owners.get(awareness);
  if (!table) {
    owners.set(awareness, (table = new Map()));
    roomOf.set(table, awareness);
  }
  return table;
}

/**
 * Whether the room shows a state for `clientId` that names another user
 * than `userId`: set by a connection to another instance (relayed, CLUSTER-4),
 * which this instance's table does not list. AWARE-1 holds across instances:
 * that state is its user's, whatever instance they are on.
 */
function heldElsewhere(table: AwarenessOwners, clientId: number, userId: string | null): boolean {
  const state = roomOf.get(table)?.getStates().get(clientId);
  if (typeof state !== 'object' || state === null) return false;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return false;
  const id = (user as { id?: unknown }).id;
  return typeof id === 'string' && id !== userId;
}

/**
 * @example
 * const guard = createAwarenessGuard(awarenessOwners(loaded.awareness), userId, connection, name);
 * const { allowed } = guard.filter(message.entries);
 */
export function createAwarenessGuard(
  table: AwarenessOwners,
  userId: string | null,
  connection: object,
  /** The member's registered display name (NAME-4; empty: unnamed, who gives none); absent: not checked. */
  name?: string,
): AwarenessGuard & { release(): number[] } {
  const owned = new Set<number>();
  return {
    owned,
    filter(entries) {
      const allowed: AwarenessEntry[] = [];
      let refused = 0;
      for (const entry of entries) {
        const holder = table.get(entry.clientId);
        const mine = holder?.connection === connection;
        const takeOver =
          holder !== undefined && !mine && userId !== null && holder.userId === userId;
        if (
          (holder && !mine && !takeOver) ||
          (!holder && heldElsewhere(table, entry.clientId, userId))
        ) {
          refused++;
          continue;
        }
        if (entry.removed) {
          // Removing a clientID nobody holds would, with a high clock, hide its
          // owner's presence when they come back: only a holder removes.
          if (!holder) {
            refused++;
            continue;
          }
          table.delete(entry.clientId);
          owned.delete(entry.clientId);
          allowed.push(entry);
          continue;
        }
        if (!mine && owned.size >= MAX_AWARENESS_STATES_PER_CONNECTION) {
          refused++;
          continue;
        }
        if (userId !== null && !namesOnly(entry.state, userId, name)) {
          refused++;
          continue;
        }
        table.set(entry.clientId, { userId, connection });
        owned.add(entry.clientId);
        allowed.push(entry);
      }
      return { allowed, refused };
    },
    /** Forgets this connection's clientIDs; returns those still its own, to remove from the room. */
    release() {
      const mine = [...owned].filter((id) => table.get(id)?.connection === connection);
      for (const id of mine) table.delete(id);
      owned.clear();
      return mine;
    },
  };
}

/** A state names no user, or names `userId`, under `name` when it gives one and `name` is known (NAME-4). */
function namesOnly(state: unknown, userId: string, name: string | undefined): boolean {
  if (typeof state !== 'object' || state === null) return true;
  const user = (state as { user?: unknown }).user;
  if (user === undefined || user === null) return true;
  if (typeof user !== 'object') return false;
  const { id, name: shown } = user as { id?: unknown; name?: unknown };
  if (id !== undefined && id !== userId) return false;
  return shown === undefined || ownNameRefusal(shown, name) === null;
}
