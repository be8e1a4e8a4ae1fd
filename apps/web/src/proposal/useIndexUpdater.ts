import { updateProposalSummary, spaceProposals } from '@ronde/domain';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { watchProposalEdits } from './indexUpdater.ts';

/**
 * While mounted, writes this device's edits of a proposal into its space's
 * index (title promptly, body at most every 10 s). See
 * {@link watchProposalEdits}. Writes nothing when `enabled` is false (an
 * observer, whose writes the server drops).
 *
 * @example
 * useIndexUpdater(proposalRoom.doc, spaceRoom.doc, proposalId);
 */
export function useIndexUpdater(
  proposalDoc: Y.Doc,
  spaceDoc: Y.Doc,
  proposalId: string,
  enabled = true,
): void {
  useEffect(
    () =>
      !enabled
        ? undefined
        : watchProposalEdits(proposalDoc, {
            write: (summary) => {
              // The index entry may not have reached this device yet; the next
              // edit will try again.
              if (!spaceProposals(spaceDoc).has(proposalId)) return;
              // The status in the index is the server's (WRITE-11, CONS-3): a
              // client that wrote it would be refused and disconnected.
              const { title, circleId, updatedAt } = summary;
              updateProposalSummary(spaceDoc, proposalId, { title, circleId, updatedAt });
            },
          }),
    [proposalDoc, spaceDoc, proposalId, enabled],
  );
}
