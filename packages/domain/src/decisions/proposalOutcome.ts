import type * as Y from 'yjs';
import type { Outcome } from '../process/events.ts';
import { readProposal, setProposalStatus } from '../proposal.ts';
import { canTransition, PROPOSAL_STATUSES, type ProposalStatus } from '../proposalStatus.ts';
import { spaceProposals, updateProposalSummary } from '../space.ts';

/** The status a proposal takes after an outcome (SPEC DEC-6): deferred goes back to draft. */
export function statusAfterOutcome(outcome: Outcome): ProposalStatus {
  return outcome === 'deferred' ? 'draft' : outcome;
}

/**
 * The shortest sequence of allowed moves (PROP-3) from one status to
 * another, excluding `from`; `[]` when already there, `null` when it cannot
 * be reached (an adopted proposal stays adopted). Neighbours are tried in
 * `PROPOSAL_STATUSES` order, so the path is the same on every replica.
 *
 * @example
 * statusPath('draft', 'adopted'); // ['in-consent', 'adopted']
 */
export function statusPath(from: ProposalStatus, to: ProposalStatus): ProposalStatus[] | null {
  const previous = new Map<ProposalStatus, ProposalStatus | null>([[from, null]]);
  const queue: ProposalStatus[] = [from];
  while (queue.length > 0) {
    const here = queue.shift()!;
    if (here === to) {
      const path: ProposalStatus[] = [];
      for (let s: ProposalStatus | null = here; s !== null && s !== from; s = previous.get(s)!) {
        path.unshift(s);
      }
      return path;
    }
    for (const next of PROPOSAL_STATUSES) {
      if (!previous.has(next) && canTransition(here, next)) {
        previous.set(next, here);
        queue.push(next);
      }
    }
  }
  return null;
}

/**
 * Moves a proposal to the status its outcome gives it, through the allowed
 * moves (a proposal still in draft goes through in-consent), and updates the
 * space's index entry (status, `updatedAt`). Returns the status reached, or
 * `null` when the proposal is missing or the status cannot be reached
 * (SPEC DEC-6); nothing is written then.
 *
 * @example
 * applyOutcomeToProposal(proposalDoc, spaceDoc, proposalId, 'adopted', outcomeAt); // 'adopted'
 */
export function applyOutcomeToProposal(
  proposalDoc: Y.Doc,
  spaceDoc: Y.Doc,
  proposalId: string,
  outcome: Outcome,
  at: number,
): ProposalStatus | null {
  const current = readProposal(proposalDoc);
  if (current === null || current.id !== proposalId) return null;
  const target = statusAfterOutcome(outcome);
  const path = statusPath(current.status, target);
  if (path === null) return null;
  proposalDoc.transact(() => {
    for (const status of path) setProposalStatus(proposalDoc, status);
  });
  if (spaceProposals(spaceDoc).has(proposalId)) {
    updateProposalSummary(spaceDoc, proposalId, { status: target, updatedAt: at });
  }
  return target;
}
