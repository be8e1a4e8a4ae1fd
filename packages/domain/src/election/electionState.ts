import type { ElectionTarget } from './target.ts';

/** What the fold knows of an election item (SPEC ELECT-2 … ELECT-8). */

export interface SealState {
  /** The id of the `nomination.seal` event. */
  readonly id: string;
  readonly by: string;
  readonly seal: string;
  readonly at: number;
}

/** A nomination made public: revealed from its seal, or changed in the change round. */
export interface NominationState {
  /** The id of the event that made it public. */
  readonly id: string;
  readonly by: string;
  readonly nominee: string;
  readonly reason: string;
  readonly stage: 'revealed' | 'changed';
  readonly at: number;
}

export interface CandidateProposal {
  /** The id of the `election.propose` event. */
  readonly id: string;
  readonly nominee: string;
  readonly focus: string;
  readonly termEnd: string;
  readonly by: string;
  readonly at: number;
  /** The item's latest positions round when it was made: only a later round can consent to it. */
  readonly afterRound: number;
}

export interface ElectionState {
  readonly target: ElectionTarget;
  /** Each person's latest seal, in the order first sealed. */
  readonly seals: readonly SealState[];
  /** Every nomination made public, oldest first. */
  readonly nominations: readonly NominationState[];
  /** Every proposal of the facilitator, oldest first: the last one stands. */
  readonly proposals: readonly CandidateProposal[];
}

/**
 * An election's state before anything happened.
 *
 * @example
 * emptyElection({ circleId: 'c1', roleId: 'r1', termEnd: '2031-06-30' }).seals; // []
 */
export function emptyElection(target: ElectionTarget): ElectionState {
  return { target, seals: [], nominations: [], proposals: [] };
}
