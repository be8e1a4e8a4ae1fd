import { STALE, refuse, type Rejection } from '../process/reduceHelpers.ts';
import { effectivePositions } from '../process/selectors.ts';
import type { ItemState } from '../process/state.ts';
import { currentCandidate, roundOnCandidate } from './electionSelectors.ts';

/**
 * Why an election may not be recorded as adopted yet, or null (SPEC
 * ELECT-7): a standing proposal, a positions round held after it in which
 * the candidate recorded a position, and the outcome's date is the
 * proposal's term end (a proposal changed since the command was issued
 * supersedes it). For any other item: null.
 *
 * @example
 * electionAdoptionRefusal(item, '2031-06-30'); // null when the role may be filled
 */
export function electionAdoptionRefusal(
  item: ItemState,
  reviewDate: string | null,
): Rejection | null {
  if (item.kind !== 'election') return null;
  const candidate = currentCandidate(item);
  if (candidate === null) return refuse('no-candidate');
  if (!roundOnCandidate(item)) return refuse('candidate-not-consented');
  const own = effectivePositions(item, item.positionRound).some(
    (p) => p.person === candidate.nominee,
  );
  if (!own) return refuse('candidate-not-consented');
  return reviewDate === candidate.termEnd ? null : STALE;
}
