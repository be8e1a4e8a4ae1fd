import type { ItemState } from '../process/state.ts';
import type { CandidateProposal, NominationState } from './electionState.ts';

/** Derived facts of an election item: computed, never stored (SPEC ELECT-4, ELECT-5, ELECT-7). */

/** The steps before the reveal: while the item has only visited them, nominations stay sealed. */
const SEALED_STEPS: ReadonlySet<string> = new Set(['present', 'nominate']);

/**
 * Whether the facilitator revealed the nominations: the item went past its
 * nominate step once (ELECT-4). Going back does not seal them again.
 *
 * @example
 * isRevealed(item); // true once `next` left the nominate step
 */
export function isRevealed(item: ItemState): boolean {
  return item.history.some((step) => !SEALED_STEPS.has(step.key));
}

/**
 * Each person's nomination as it stands: their latest public one, in the
 * order people first nominated (ELECT-5).
 *
 * @example
 * currentNominations(item).map((n) => `${n.by} → ${n.nominee}`);
 */
export function currentNominations(item: ItemState): NominationState[] {
  const latest = new Map<string, NominationState>();
  for (const nomination of item.election?.nominations ?? []) {
    latest.set(nomination.by, nomination);
  }
  return [...latest.values()];
}

/**
 * The facilitator's standing proposal (the latest), or null (ELECT-6).
 *
 * @example
 * currentCandidate(item)?.nominee; // 'ben'
 */
export function currentCandidate(item: ItemState): CandidateProposal | null {
  return item.election?.proposals.at(-1) ?? null;
}

/**
 * Whether the item's latest positions round was held on the standing
 * proposal: it began after that proposal was made (ELECT-7).
 *
 * @example
 * roundOnCandidate(item); // false right after a new proposal
 */
export function roundOnCandidate(item: ItemState): boolean {
  const candidate = currentCandidate(item);
  return candidate !== null && item.positionRound > candidate.afterRound;
}
