import * as Y from 'yjs';
import type { ParsedUpdate } from './parseUpdate.ts';
import type { Storage } from './storage.ts';

/**
 * The member name the server's own client ids are bound to. Member ids are
 * 6 to 64 letters, digits, `_` and `-` (domain ID-2): `@` keeps it apart.
 */
export const SERVER_AUTHOR = '@server';

/** Why an update's client id is not its sender's (WRITE-16). */
export interface AuthorConflict {
  readonly clientId: number;
  /** Who holds it; `null`: the document holds its structs but nobody is bound (written before AUTHOR). */
  readonly member: string | null;
}

/**
 * Who each Yjs client id of one loaded document belongs to (SPEC AUTHOR-1,
 * AUTHOR-2). The store is the authority (its `bindClients` is atomic, also
 * across instances); this keeps what it answered, so an update of a client
 * id already bound costs one Map lookup and no storage call. Bindings never
 * change, so the cache is never stale, only incomplete.
 */
export interface Authorship {
  /**
   * Binds the fresh ones of `clientIds` to `member` and answers the first id
   * held by someone else, or by nobody though the document holds its
   * structs; `null` when every id is the member's. Called inside the
   * document's store queue (the write guard), so two connections racing for
   * one id are decided one after the other; the store decides across
   * instances.
   */
  claim(doc: Y.Doc, member: string, clientIds: readonly number[]): Promise<AuthorConflict | null>;
  /**
   * Before a server write, synchronously: draws a new client id for the
   * document while its own one is known to be a member's, or the document
   * holds structs of it that the server did not write (AUTHOR-2).
   */
  prepareServerWrite(doc: Y.Doc): void;
  /**
   * After the server write's transaction, before it is stored: binds the id
   * it used to {@link SERVER_AUTHOR}. `null` when it is bound already (no
   * storage call); else resolves `false` when a member took it meanwhile
   * (another instance), which leaves the write unstorable.
   */
  bindServer(clientId: number): Promise<boolean> | null;
}

/**
 * @example
 * const authors = createAuthorship('sp1/proposal/pr1', storage);
 * const conflict = await authors.claim(doc, 'u1', structClients(parsed, doc));
 */
export function createAuthorship(docName: string, storage: Storage): Authorship {
  const owners = new Map<number, string>();
  const held = (doc: Y.Doc, clientId: number): boolean => Y.getState(doc.store, clientId) > 0;

  async function refresh(): Promise<void> {
    for (const binding of await storage.listBindings(docName)) {
      owners.set(binding.clientId, binding.member);
    }
  }

  async function bind(
    member: string,
    clientIds: readonly number[],
  ): Promise<AuthorConflict | null> {
    const conflicts = await storage.bindClients(docName, member, clientIds);
    for (const id of clientIds) owners.set(id, member);
    for (const conflict of conflicts) owners.set(conflict.clientId, conflict.member);
    return conflicts[0] ?? null;
  }

  return {
    async claim(doc, member, clientIds) {
      let unknown: number[] | null = null;
      for (const id of clientIds) {
        const owner = owners.get(id);
        if (owner === undefined) (unknown ??= []).push(id);
        else if (owner !== member) return { clientId: id, member: owner };
      }
      if (!unknown) return null;
      // Read now: the document may take a relayed update while the store answers.
      const already = unknown.filter((id) => held(doc, id));
      if (already.length > 0) {
        // Bound on another instance (the cache missed it), or written before bindings existed.
        await refresh();
        for (const id of already) {
          const owner = owners.get(id);
          if (owner !== member) return { clientId: id, member: owner ?? null };
        }
      }
      const fresh = unknown.filter((id) => !owners.has(id));
      return fresh.length > 0 ? bind(member, fresh) : null;
    },
    prepareServerWrite(doc) {
      // A member writes with it, or its structs predate bindings: the server takes another.
      while (
        owners.get(doc.clientID) !== SERVER_AUTHOR &&
        (owners.has(doc.clientID) || held(doc, doc.clientID))
      ) {
        doc.clientID = newClientId();
      }
    },
    bindServer(clientId) {
      if (owners.get(clientId) === SERVER_AUTHOR) return null;
      return bind(SERVER_AUTHOR, [clientId]).then((conflict) => conflict === null);
    },
  };
}

/**
 * The clients whose structs in `parsed` the document does not have yet
 * (Items and GCs; Skips are gaps, not structs), ascending. Deletions are not
 * attributed to a client in Yjs (a delete set names the deleted items'
 * clients, not the deleter's), so they bind nothing.
 */
export function structClients(parsed: ParsedUpdate, doc: Y.Doc): number[] {
  const clients = new Set<number>();
  for (const struct of parsed.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    if (clients.has(client)) continue;
    if (clock + struct.length > Y.getState(doc.store, client)) clients.add(client);
  }
  return [...clients].sort((a, b) => a - b);
}

/** A random uint32, as Yjs draws client ids. */
function newClientId(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number;
}
