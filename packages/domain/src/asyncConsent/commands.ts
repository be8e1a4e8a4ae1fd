import { newId } from '../ids.ts';
import type {
  AmendEvent,
  AsyncPosition,
  CloseEarlyEvent,
  ExtendEvent,
  OpenEvent,
  PositionEvent,
  WithdrawEvent,
} from './events.ts';
import type { AsyncConsentState } from './fold.ts';

/**
 * Builders of a person's asynchronous consent events (SPEC ASYNC-1): each
 * takes the author and the server time now; those that depend on the text's
 * revision name the revision they answer (`expects`), so a position given
 * to a text amended meanwhile is ignored and asked again (ASYNC-6).
 */

/**
 * Opens an asynchronous consent on a proposal with a deadline, naming the
 * text sent by its digest (ASYNC-15) and, optionally, a review date (ASYNC-17).
 *
 * @example
 * openAsyncConsent(proposalId, me, now, now + 3 * 86_400_000, proposalTextDigest(doc), '2027-01-31');
 */
export function openAsyncConsent(
  proposalId: string,
  by: string,
  at: number,
  deadline: number,
  digest: string,
  reviewDate: string | null = null,
): OpenEvent {
  return { id: newId(), type: 'async.open', by, at, proposalId, deadline, digest, reviewDate };
}

/**
 * Records my position on the current revision, naming the text I read by
 * its digest (ASYNC-15; by default the revision's own).
 *
 * @example
 * recordAsyncPosition(state, me, now, 'objection', 'The budget is missing.', proposalTextDigest(doc));
 */
export function recordAsyncPosition(
  state: AsyncConsentState,
  by: string,
  at: number,
  value: AsyncPosition,
  reason: string,
  digest: string = state.digest,
): PositionEvent {
  return {
    id: newId(),
    type: 'async.position',
    by,
    at,
    expects: { revision: state.revision, digest },
    value,
    reason: reason.trim(),
  };
}

/**
 * Records an amendment of the text (the proposer, after editing it), with
 * the digest of the amended text (ASYNC-15).
 *
 * @example
 * amendAsyncConsent(state, me, now, 'Added the budget', proposalTextDigest(doc));
 */
export function amendAsyncConsent(
  state: AsyncConsentState,
  by: string,
  at: number,
  summary: string,
  digest: string,
): AmendEvent {
  return {
    id: newId(),
    type: 'async.amend',
    by,
    at,
    expects: { revision: state.revision },
    summary: summary.trim(),
    digest,
  };
}

/** Moves the deadline later (the proposer or a facilitator). */
export function extendAsyncConsent(by: string, at: number, deadline: number): ExtendEvent {
  return { id: newId(), type: 'async.extend', by, at, deadline };
}

/** Withdraws the proposal from asynchronous consent (the proposer). */
export function withdrawAsyncConsent(by: string, at: number): WithdrawEvent {
  return { id: newId(), type: 'async.withdraw', by, at };
}

/** Closes before the deadline once everyone consented (the proposer, ASYNC-9). */
export function closeAsyncConsentEarly(
  state: AsyncConsentState,
  by: string,
  at: number,
  digest: string = state.digest,
): CloseEarlyEvent {
  return {
    id: newId(),
    type: 'async.close',
    by,
    at,
    expects: { revision: state.revision, digest },
  };
}
