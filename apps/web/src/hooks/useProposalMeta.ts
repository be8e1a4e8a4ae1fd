import { readProposal, type ProposalMeta, proposalFields } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from './useYStore.ts';

/**
 * The fields of a proposal document (status, circle, author), or `null`
 * until it has loaded. Body and title edits do not re-render its readers.
 *
 * @example
 * const meta = useProposalMeta(room.doc);
 * const editable = meta ? isEditable(meta.status) : false;
 */
export function useProposalMeta(doc: Y.Doc): ProposalMeta | null {
  return useYStore(doc, proposalFields, readProposal);
}
