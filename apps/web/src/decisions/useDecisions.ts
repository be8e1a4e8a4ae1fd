import { listDecisions, spaceDecisions, type DecisionEntry } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';

/**
 * The decision log of a space document, newest first (SPEC DEC-5); the
 * array keeps its identity until an entry is added.
 *
 * @example
 * const decisions = useDecisions(spaceRoom.doc);
 */
export function useDecisions(doc: Y.Doc): readonly DecisionEntry[] {
  return useYStore(doc, spaceDecisions, listDecisions);
}
