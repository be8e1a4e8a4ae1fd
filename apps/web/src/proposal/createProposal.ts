import {
  addProposalSummary,
  initProposal,
  newId,
  roomName,
  summarizeProposal,
  type InitProposalInput,
} from '@ronde/domain';
import type * as Y from 'yjs';
import { openDoc } from '../sync/openDoc.ts';

/**
 * Writes a new proposal from this device — a fresh id, so nobody else can
 * have written it — and lists it in the space; returns its id. `atCreation`
 * writes more of it in the same update: a proposal's fields are written
 * freely only at its creation (WRITE-7). Throws what the domain refuses.
 * The room is let go at once: the proposal page takes its own reference
 * within the room's grace.
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
  const proposalId = newId();
  const now = Date.now();
  const { room, release } = openDoc(
    roomName({ spaceId: input.spaceId, kind: 'proposal', id: proposalId }),
  );
  try {
    room.doc.transact(() => {
      initProposal(room.doc, { ...input, id: proposalId, now });
      atCreation?.(room.doc);
    });
    addProposalSummary(spaceDoc, {
      id: proposalId,
      ...summarizeProposal(room.doc, now),
      createdAt: now,
      // The author's user id makes them the proposal's proposer (domain PROP-6).
      ...(input.authorId ? { authorId: input.authorId } : {}),
    });
    return proposalId;
  } finally {
    release();
  }
}
