import type { FoldContext, ItemState, MeetingState, RejectReason } from '../process/state.ts';
import { STALE, refuse, stepHolds, withItem, type Handled } from '../process/reduceHelpers.ts';
import { currentItem, isFacilitator, roleOf } from '../process/selectors.ts';
import type {
  ElectionProposeEvent,
  NominationChangeEvent,
  NominationRevealEvent,
  NominationSealEvent,
} from './electionEvents.ts';
import type { ElectionState, NominationState } from './electionState.ts';
import { isRevealed } from './electionSelectors.ts';
import { nominationSeal } from './seal.ts';
import { dayOf } from './target.ts';

/** The election's events applied (SPEC ELECT-2 … ELECT-6). */

interface Here {
  readonly item: ItemState;
  readonly election: ElectionState;
}

/** The current item when it is an election not yet decided, else why not. */
function currentElection(state: MeetingState): Here | RejectReason {
  const item = currentItem(state);
  if (item === null || item.election === undefined) return 'wrong-item-kind';
  if (item.status === 'done') return 'item-done';
  return { item, election: item.election };
}

function withElection(state: MeetingState, item: ItemState, election: ElectionState): MeetingState {
  return withItem(state, { ...item, election });
}

/** Whether someone takes part: known to the meeting and not an observer. */
function participantRefusal(
  state: MeetingState,
  context: FoldContext,
  person: string,
): RejectReason | null {
  const role = roleOf(state, context, person);
  if (role === null) return 'unknown-person';
  return role === 'observer' ? 'observer' : null;
}

/**
 * A sealed nomination, in the nominate step before the reveal; a new seal
 * replaces the author's earlier one (ELECT-3).
 */
export function applyNominationSeal(state: MeetingState, event: NominationSealEvent): Handled {
  if (!stepHolds(state, event.expects)) return STALE;
  const here = currentElection(state);
  if (typeof here === 'string') return refuse(here);
  if (state.step?.kind !== 'nominate') return refuse('wrong-step');
  if (isRevealed(here.item)) return refuse('nominations-revealed');
  const seal = { id: event.id, by: event.by, seal: event.seal, at: event.at };
  const mine = here.election.seals.findIndex((s) => s.by === event.by);
  const seals =
    mine === -1
      ? [...here.election.seals, seal]
      : here.election.seals.map((s, i) => (i === mine ? seal : s));
  return withElection(state, here.item, { ...here.election, seals });
}

/**
 * Opens one's latest seal once revealed (ELECT-4): the nominee, reason and
 * salt must hash to the seal, with the author and item; each seal opens once.
 */
export function applyNominationReveal(
  state: MeetingState,
  event: NominationRevealEvent,
  context: FoldContext,
): Handled {
  if (event.expects.itemId !== state.currentItemId) return STALE;
  const here = currentElection(state);
  if (typeof here === 'string') return refuse(here);
  if (!isRevealed(here.item)) return refuse('not-revealed');
  const seal = here.election.seals.find((s) => s.by === event.by);
  if (seal === undefined || seal.id !== event.sealId) return refuse('unknown-seal');
  if (here.election.nominations.some((n) => n.id === seal.id)) return refuse('already-revealed');
  const opened = nominationSeal({
    by: event.by,
    itemId: here.item.id,
    nominee: event.nominee,
    reason: event.reason,
    salt: event.salt,
  });
  if (opened !== seal.seal) return refuse('seal-mismatch');
  const refusal = participantRefusal(state, context, event.nominee);
  if (refusal !== null) return refuse(refusal);
  // Keyed by the seal's id, so a reveal that arrives after a change is filed before it.
  const nomination: NominationState = {
    id: seal.id,
    by: event.by,
    nominee: event.nominee,
    reason: event.reason.trim(),
    stage: 'revealed',
    at: seal.at,
  };
  const changed = here.election.nominations.findIndex((n) => n.by === event.by);
  const nominations =
    changed === -1
      ? [...here.election.nominations, nomination]
      : [
          ...here.election.nominations.slice(0, changed),
          nomination,
          ...here.election.nominations.slice(changed),
        ];
  return withElection(state, here.item, { ...here.election, nominations });
}

/** A nomination changed openly, in the change round (ELECT-5). */
export function applyNominationChange(
  state: MeetingState,
  event: NominationChangeEvent,
  context: FoldContext,
): Handled {
  if (!stepHolds(state, event.expects)) return STALE;
  const here = currentElection(state);
  if (typeof here === 'string') return refuse(here);
  if (state.step?.key !== 'change') return refuse('wrong-step');
  const refusal = participantRefusal(state, context, event.nominee);
  if (refusal !== null) return refuse(refusal);
  const reason = event.reason.trim();
  if (reason === '') return refuse('reason-required');
  const nomination: NominationState = {
    id: event.id,
    by: event.by,
    nominee: event.nominee,
    reason,
    stage: 'changed',
    at: event.at,
  };
  const nominations = [...here.election.nominations, nomination];
  return withElection(state, here.item, { ...here.election, nominations });
}

/**
 * The facilitator proposes someone (ELECT-6): in the propose step, or in
 * the integration step to integrate an objection (another person, a
 * shorter term, another focus). The term ends after the day of the
 * proposal and no later than the agenda's term end.
 */
export function applyElectionPropose(
  state: MeetingState,
  event: ElectionProposeEvent,
  context: FoldContext,
): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  if (!stepHolds(state, event.expects)) return STALE;
  const here = currentElection(state);
  if (typeof here === 'string') return refuse(here);
  const kind = state.step?.kind;
  if (kind !== 'propose' && kind !== 'integration') return refuse('wrong-step');
  const refusal = participantRefusal(state, context, event.nominee);
  if (refusal !== null) return refuse(refusal);
  if (event.termEnd <= dayOf(event.at)) return refuse('invalid-date');
  if (event.termEnd > here.election.target.termEnd) return refuse('term-too-long');
  const proposal = {
    id: event.id,
    nominee: event.nominee,
    focus: event.focus.trim(),
    termEnd: event.termEnd,
    by: event.by,
    at: event.at,
    afterRound: here.item.positionRound,
  };
  const proposals = [...here.election.proposals, proposal];
  return withElection(state, here.item, { ...here.election, proposals });
}
