import {
  addProposalSummary,
  initProposal,
  summarizeProposal,
  type InitProposalInput,
} from '@ronde/domain';
import type * as Y from 'yjs';
import { writeNewDocument } from '../sync/writeNewDocument.ts';

/**
 * Writes a new proposal from this device (`writeNewDocument`) and lists it
 * in the space; returns its id. `atCreation` writes more of it in the same
 * update: a proposal's fields are written freely only at its creation
 * (WRITE-7). Throws what the domain refuses.
 *
 * @example
 * const proposalId = createProposal(spaceDoc, { spaceId, circleId, title, driver, createdBy, authorId });
 * navigate(`/s/${spaceId}/p/${proposalId}`);
 */
export function createProposal(
  spaceDoc: Y.Doc,
  input: Omit<InitProposalInput, 'id' | 'now'>,
  atCreation?: (proposalDoc: Y.Doc) => void,
): string {
  return writeNewDocument(input.spaceId, 'proposal', (doc, id, now) => {
    doc.transact(() => {
      initProposal(doc, { ...input, id, now });
      atCreation?.(doc);
    });
    addProposalSummary(spaceDoc, {
      id,
      ...summarizeProposal(doc, now),
      createdAt: now,
      // The author's user id makes them the proposal's proposer (domain PROP-6).
      ...(input.authorId ? { authorId: input.authorId } : {}),
    });
  });
}
