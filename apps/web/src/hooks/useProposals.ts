import { listProposals, type ProposalSummary, spaceProposals } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from './useYStore.ts';

/**
 * The proposal index of a space document, most recently edited first. The
 * array keeps its identity until an entry changes.
 *
 * @example
 * const proposals = useProposals(room.doc);
 * proposals.map((p) => <li key={p.id}>{p.title}</li>);
 */
export function useProposals(doc: Y.Doc): readonly ProposalSummary[] {
  return useYStore(doc, spaceProposals, listProposals);
}
