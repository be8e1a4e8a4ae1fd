import type {
  AmendmentLinkEvent,
  ObjectionConfirmEvent,
  ObjectionTestEvent,
  PositionRecordEvent,
} from './events.ts';
import { STALE, refuse, stepHolds, withItem, type Handled } from './reduceHelpers.ts';
import { currentItem, findObjection, isBlocking, isFacilitator, roleOf } from './selectors.ts';
import type {
  FoldContext,
  ItemState,
  MeetingState,
  ObjectionState,
  PositionState,
  StepState,
} from './state.ts';
import { templateFor, type StepKind } from './templates.ts';

/** Positions, objections, tests and integration (SPEC POS-*, CONSENT-*, IDM-*). */

/** The current item and step when the current step has this kind. */
function at(state: MeetingState, kind: StepKind): { item: ItemState; step: StepState } | null {
  const item = currentItem(state);
  const step = state.step;
  return item !== null && step !== null && step.kind === kind ? { item, step } : null;
}

/** Replaces an objection of the item (by id). */
function withObjection(item: ItemState, objection: ObjectionState): ItemState {
  return {
    ...item,
    objections: item.objections.map((o) => (o.id === objection.id ? objection : o)),
  };
}

export function applyPositionRecord(
  state: MeetingState,
  event: PositionRecordEvent,
  context: FoldContext,
): Handled {
  const person = event.onBehalfOf ?? event.by;
  if (event.onBehalfOf === event.by) return refuse('on-behalf-of-self');
  if (event.onBehalfOf !== null && !isFacilitator(state, event.by)) {
    return refuse('not-facilitator');
  }
  if (!stepHolds(state, event.expects)) return STALE;
  const here = at(state, 'positions');
  if (here === null) return refuse('wrong-step');
  if (event.round !== here.step.positionRound) return STALE;
  const subject = roleOf(state, context, person);
  if (subject === null) return refuse('unknown-person');
  if (subject === 'observer') return refuse('observer');
  if (!templateFor(here.item).positions.includes(event.value)) return refuse('invalid-position');
  const reason = event.reason.trim();
  if (event.value === 'objection' && reason === '') return refuse('reason-required');
  if (event.anchor !== null && event.value !== 'objection' && event.value !== 'concern') {
    return refuse('anchor-needs-objection');
  }
  const interest =
    event.interest === undefined
      ? undefined
      : { text: event.interest.text.trim(), conflict: event.interest.conflict };
  // A declared interest says something: a text, or at least a conflict (INTEREST-1).
  if (interest !== undefined && interest.text === '' && !interest.conflict) {
    return refuse('invalid-interest');
  }
  const position: PositionState = {
    id: event.id,
    round: event.round,
    person,
    value: event.value,
    reason,
    anchor: event.anchor,
    by: event.by,
    onBehalfOf: event.onBehalfOf,
    at: event.at,
    ...(interest === undefined ? {} : { interest }),
  };
  // A later position replaces the earlier one of the same person and round (POS-3).
  const kept = here.item.objections.filter((o) => o.round !== event.round || o.objector !== person);
  const raised: ObjectionState[] =
    event.value === 'objection'
      ? [
          {
            id: event.id,
            round: event.round,
            objector: person,
            reason,
            anchor: event.anchor,
            recordedBy: event.by,
            at: event.at,
            test: null,
            amendments: [],
            confirmations: [],
          },
        ]
      : [];
  return withItem(state, {
    ...here.item,
    positions: [...here.item.positions, position],
    objections: [...kept, ...raised],
  });
}

/** The objection of the current step's round, or null. */
function roundObjection(item: ItemState, step: StepState, id: string): ObjectionState | null {
  const objection = findObjection(item, id);
  return objection !== null && objection.round === step.positionRound ? objection : null;
}

/** The facilitator records the four answers and a ruling (SPEC IDM-3, IDM-4). */
export function applyObjectionTest(state: MeetingState, event: ObjectionTestEvent): Handled {
  if (!isFacilitator(state, event.by)) return refuse('not-facilitator');
  if (!stepHolds(state, event.expects)) return STALE;
  const here = at(state, 'test');
  if (here === null) return refuse('wrong-step');
  const objection = roundObjection(here.item, here.step, event.objectionId);
  if (objection === null) return refuse('unknown-objection');
  const { harm, createdByProposal, urgent, limitsRole } = event.answers;
  if (event.ruling === 'valid' && !(harm && createdByProposal && urgent && limitsRole)) {
    return refuse('valid-needs-four-yes');
  }
  const test = { answers: event.answers, ruling: event.ruling, by: event.by, at: event.at };
  return withItem(state, withObjection(here.item, { ...objection, test }));
}

/** An amendment of the proposal is linked to the objection it answers (SPEC POS-7). */
export function applyAmendmentLink(state: MeetingState, event: AmendmentLinkEvent): Handled {
  const item = currentItem(state);
  if (!isFacilitator(state, event.by) && item?.ownerId !== event.by) return refuse('not-allowed');
  if (!stepHolds(state, event.expects)) return STALE;
  const here = at(state, 'integration');
  if (here === null) return refuse('wrong-step');
  const objection = roundObjection(here.item, here.step, event.objectionId);
  if (objection === null) return refuse('unknown-objection');
  if (!isBlocking(objection)) return refuse('objection-not-blocking');
  const summary = event.summary.trim();
  if (summary === '') return refuse('summary-required');
  const amendment = { id: event.id, summary, by: event.by, at: event.at };
  const linked = { ...objection, amendments: [...objection.amendments, amendment] };
  return withItem(state, withObjection(here.item, linked));
}

/**
 * Whether the latest amendment resolves an objection: in IDM the objector
 * and the proposer each answer (SPEC IDM-6); in consent the objector is
 * asked (CONSENT-4). A "no" is kept as an answer that confirms nothing.
 */
export function applyObjectionConfirm(state: MeetingState, event: ObjectionConfirmEvent): Handled {
  if (!stepHolds(state, event.expects)) return STALE;
  const here = at(state, 'integration');
  if (here === null) return refuse('wrong-step');
  const objection = roundObjection(here.item, here.step, event.objectionId);
  if (objection === null) return refuse('unknown-objection');
  const answers =
    here.item.process === 'idm' ? [objection.objector, here.item.ownerId] : [objection.objector];
  if (!answers.includes(event.by)) return refuse('not-allowed');
  if (objection.amendments.at(-1)?.id !== event.amendmentId) return STALE;
  const already = objection.confirmations.some(
    (c) => c.by === event.by && c.amendmentId === event.amendmentId,
  );
  if (already) return refuse('already-confirmed');
  const confirmation = {
    by: event.by,
    amendmentId: event.amendmentId,
    at: event.at,
    ...(event.resolves === false ? { resolves: false } : {}),
  };
  const confirmed = { ...objection, confirmations: [...objection.confirmations, confirmation] };
  return withItem(state, withObjection(here.item, confirmed));
}
