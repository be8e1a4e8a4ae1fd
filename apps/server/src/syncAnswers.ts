import type * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol.ts';

/**
 * The server's side of the sync handshake for one document, encoded once
 * per version of the document (SPEC SYNC-1): a join storm of N clients costs
 * one encoding of the whole document, not N.
 */
export interface SyncAnswers {
  /** Sync step 1 (the document's state vector), sent to every client that attaches. */
  step1(): Uint8Array;
  /**
   * Sync step 2 for a client's state vector: what the document has that the
   * client lacks. A client that has nothing (an empty state vector) gets the
   * cached full state; others get their difference, encoded for them.
   */
  step2(stateVector: Uint8Array): Uint8Array;
  /** Stops following the document. */
  destroy(): void;
}

/** A state vector naming no client: `[varUint 0]`. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/**
 * Caches the messages of the sync handshake, dropped on any change of the
 * document (its `update` event: inserts, deletions, whoever made them).
 *
 * @example
 * const answers = createSyncAnswers(doc);
 * peer.send(answers.step1());
 * peer.send(answers.step2(message.stateVector));
 */
export function createSyncAnswers(doc: Y.Doc): SyncAnswers {
  let step1: Uint8Array | null = null;
  let full: Uint8Array | null = null;
  const invalidate = (): void => {
    step1 = null;
    full = null;
  };
  doc.on('update', invalidate);
  return {
    step1() {
      return (step1 ??= encodeSyncStep1(doc));
    },
    step2(stateVector) {
      if (!isEmptyStateVector(stateVector)) return encodeSyncStep2(doc, stateVector);
      return (full ??= encodeSyncStep2(doc));
    },
    destroy() {
      doc.off('update', invalidate);
      invalidate();
    },
  };
}
