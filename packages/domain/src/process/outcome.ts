import type { OutcomeRecordEvent } from './events.ts';
import { STALE, refuse, stepHolds, withItem, type Handled } from './reduceHelpers.ts';
import { blockingObjections, currentItem, effectivePositions, isFacilitator } from './selectors.ts';
import { electionAdoptionRefusal } from '../election/electionOutcome.ts';
import type { MeetingState } from './state.ts';

/** Whether a string is a real calendar date written `YYYY-MM-DD` (SPEC OUT-2). */
export function isReviewDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * The facilitator records a proposal item's outcome (SPEC OUT-1 … OUT-3):
 * adopted or rejected at the outcome step; withdrawn or deferred at any step.
 */
export function applyOutcomeRecord(state: MeetingState, event: OutcomeRecordEvent): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  if (!stepHolds(state, event.expects)) return STALE;
  const item = currentItem(state);
  if (item === null || (item.kind !== 'proposal' && item.kind !== 'election')) {
    return refuse('wrong-item-kind');
  }
  if (item.status === 'done') return refuse('item-done');
  const decisive = event.outcome === 'adopted' || event.outcome === 'rejected';
  if (decisive && state.step?.kind !== 'outcome') return refuse('wrong-step');
  if (event.reviewDate !== null && !isReviewDate(event.reviewDate)) return refuse('invalid-date');
  if (event.outcome === 'adopted') {
    if (event.reviewDate === null) return refuse('review-date-required');
    if (effectivePositions(item, item.positionRound).length === 0) return refuse('no-positions');
    if (blockingObjections(item, item.positionRound).length > 0) return refuse('objections-open');
    const elected = electionAdoptionRefusal(item, event.reviewDate);
    if (elected !== null) return elected;
  }
  const outcome = {
    outcome: event.outcome,
    reviewDate: event.reviewDate,
    by: event.by,
    at: event.at,
  };
  return withItem(state, { ...item, outcome, status: 'done', endedAt: event.at });
}
