import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { encodeAwareness, encodeUpdate } from './protocol.ts';
import { SharedFrame } from './sharedFrame.ts';

/** Anything a message can be sent to: a connection, or a test double. */
export interface Peer {
  /**
   * Sends `message`; `shared`, when given, holds it framed once for every
   * peer it goes to (a connection writes those bytes as they are, RELAY-1).
   */
  send(message: Uint8Array, shared?: SharedFrame): void;
  /** Closes the connection behind it (a document evicted after a storage failure). */
  close?(code: number, reason: string): void;
}

/**
 * The origin of the server's own changes to a document (documents.ts
 * `write`): the relay skips them, because they are relayed only once stored.
 */
export const SERVER_WRITE = Symbol('server write');

/**
 * The origin of a client's update applied to the server's copy before its
 * store resolved (documents.ts, STORE-6): the relay skips it too; the
 * registry relays the update's own bytes once they are durable.
 */
export const UNSTORED = Symbol('applied, not yet stored');

/**
 * Sends one already-encoded message to every peer but `except` (its sender:
 * an update is never echoed back). The same bytes go to every peer, framed
 * once (RELAY-1).
 */
export function broadcast(peers: Iterable<Peer>, message: Uint8Array, except?: unknown): number {
  const shared = new SharedFrame(message);
  let sent = 0;
  for (const peer of peers) {
    if (peer === except) continue;
    peer.send(message, shared);
    sent++;
  }
  return sent;
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Relays a document's updates and awareness changes to its peers, each
 * encoded once. The origin of a change is the peer that sent it (see
 * connection.ts), so the sender is skipped; changes the server makes itself
 * (origin `null`: a closed connection's awareness removed, a timeout) go to all.
 * Updates the registry stores first ({@link SERVER_WRITE}, {@link UNSTORED})
 * are not relayed here: the registry sends them once stored.
 * Returns the function that stops relaying.
 *
 * @example
 * const stop = relay(doc, awareness, peers);
 */
export function relay(doc: Y.Doc, awareness: Awareness, peers: ReadonlySet<Peer>): () => void {
  const onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (peers.size === 0 || origin === SERVER_WRITE || origin === UNSTORED) return;
    broadcast(peers, encodeUpdate(update), origin);
  };
  const onAwareness = ({ added, updated, removed }: AwarenessChanges, origin: unknown): void => {
    if (peers.size === 0) return;
    const changed = [...added, ...updated, ...removed];
    broadcast(peers, encodeAwareness(encodeAwarenessUpdate(awareness, changed)), origin);
  };
  doc.on('update', onUpdate);
  awareness.on('update', onAwareness);
  return () => {
    doc.off('update', onUpdate);
    awareness.off('update', onAwareness);
  };
}
