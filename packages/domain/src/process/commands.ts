import type { MeetingRole } from '../meeting/types.ts';
import { newId } from '../ids.ts';
import type {
  AmendmentLinkEvent,
  Anchor,
  FacilitatorHandoverEvent,
  ItemGotoEvent,
  ItemNoteEvent,
  ItemSkipEvent,
  MeetingStartEvent,
  ObjectionConfirmEvent,
  ObjectionRuling,
  ObjectionTestAnswers,
  ObjectionTestEvent,
  Outcome,
  OutcomeRecordEvent,
  PositionRecordEvent,
  PositionValue,
  RoleSetEvent,
  RoundAddEvent,
  RoundExpects,
  RoundStartEvent,
  StepExpects,
  StepNextEvent,
  StepUndoEvent,
  TimeoutCallEvent,
  TimeoutEndEvent,
  TurnEndEvent,
  TurnPassEvent,
} from './events.ts';
import { activeTimeout, currentItem, findObjection } from './selectors.ts';
import type { MeetingState } from './state.ts';

/**
 * Command constructors: each builds one event against the caller's current
 * folded state, with a fresh id. They never check whether the command will
 * apply; the fold decides, on every replica alike.
 *
 * @example
 * appendEvent(doc, nextStep(state, me, serverNow()));
 */

/** Where the meeting stands now, as step commands expect it. */
export function stepExpects(state: MeetingState): StepExpects {
  return { phase: state.phase, itemId: state.currentItemId, stepId: state.step?.id ?? null };
}

/** Step expects plus the current step's latest round. */
export function roundExpects(state: MeetingState): RoundExpects {
  return { ...stepExpects(state), roundId: state.round?.id ?? null };
}

const base = (state: MeetingState, by: string, at: number) => ({
  id: newId(),
  by,
  at,
  expects: stepExpects(state),
});

/**
 * Starts the meeting with a snapshot of everyone's role as this replica
 * sees it: from then on roles change only through the log (SPEC MEET-2).
 */
export function startMeeting(state: MeetingState, by: string, at: number): MeetingStartEvent {
  return { ...base(state, by, at), type: 'meeting.start', roles: { ...state.roles } };
}

/** The next step, item or stage (SPEC MEET-5, MEET-7). */
export function nextStep(state: MeetingState, by: string, at: number): StepNextEvent {
  return { ...base(state, by, at), type: 'step.next' };
}

export function undoStep(state: MeetingState, by: string, at: number): StepUndoEvent {
  return { ...base(state, by, at), type: 'step.undo' };
}

export function gotoItem(
  state: MeetingState,
  by: string,
  at: number,
  target: string,
): ItemGotoEvent {
  return { ...base(state, by, at), type: 'item.goto', target };
}

export function skipItem(
  state: MeetingState,
  by: string,
  at: number,
  target: string,
): ItemSkipEvent {
  return { ...base(state, by, at), type: 'item.skip', target };
}

export function noteItem(state: MeetingState, by: string, at: number, text: string): ItemNoteEvent {
  return { ...base(state, by, at), type: 'item.note', text };
}

/** Starts a round with the order the facilitator confirmed (null seconds: the step's default). */
export function startRound(
  state: MeetingState,
  by: string,
  at: number,
  order: readonly string[],
  turnSeconds: number | null = null,
): RoundStartEvent {
  const { expects: _step, ...rest } = base(state, by, at);
  return { ...rest, expects: roundExpects(state), type: 'round.start', order, turnSeconds };
}

export function addToRound(
  state: MeetingState,
  by: string,
  at: number,
  person: string,
): RoundAddEvent {
  const { expects: _step, ...rest } = base(state, by, at);
  return { ...rest, expects: roundExpects(state), type: 'round.add', person };
}

function turnEvent<T extends 'turn.end' | 'turn.pass'>(
  type: T,
  state: MeetingState,
  by: string,
  at: number,
) {
  const expects = {
    ...stepExpects(state),
    roundId: state.round?.id ?? 'none',
    turn: state.round?.turns.length ?? 0,
  };
  return { id: newId(), type, by, at, expects };
}

/** Ends the current speaker's turn. */
export function endTurn(state: MeetingState, by: string, at: number): TurnEndEvent {
  return turnEvent('turn.end', state, by, at);
}

/** The current speaker passes. */
export function passTurn(state: MeetingState, by: string, at: number): TurnPassEvent {
  return turnEvent('turn.pass', state, by, at);
}

export interface PositionInput {
  readonly value: PositionValue;
  readonly reason?: string;
  readonly anchor?: Anchor | null;
  /** A facilitator recording for someone else. */
  readonly onBehalfOf?: string | null;
}

/** Records a position in the current positions round. */
export function recordPosition(
  state: MeetingState,
  by: string,
  at: number,
  input: PositionInput,
): PositionRecordEvent {
  return {
    ...base(state, by, at),
    type: 'position.record',
    round: state.step?.positionRound ?? 0,
    value: input.value,
    reason: input.reason ?? '',
    anchor: input.anchor ?? null,
    onBehalfOf: input.onBehalfOf ?? null,
  };
}

export function testObjection(
  state: MeetingState,
  by: string,
  at: number,
  objectionId: string,
  answers: ObjectionTestAnswers,
  ruling: ObjectionRuling,
): ObjectionTestEvent {
  return { ...base(state, by, at), type: 'objection.test', objectionId, answers, ruling };
}

/** Links an amendment of the proposal text to the objection it answers. */
export function linkAmendment(
  state: MeetingState,
  by: string,
  at: number,
  objectionId: string,
  summary: string,
): AmendmentLinkEvent {
  return { ...base(state, by, at), type: 'amendment.link', objectionId, summary };
}

/** Confirms the latest amendment linked to the objection (objector or proposer). */
export function confirmAmendment(
  state: MeetingState,
  by: string,
  at: number,
  objectionId: string,
): ObjectionConfirmEvent {
  const item = currentItem(state);
  const objection = item === null ? null : findObjection(item, objectionId);
  const amendmentId = objection?.amendments.at(-1)?.id ?? 'none';
  return { ...base(state, by, at), type: 'objection.confirm', objectionId, amendmentId };
}

export function recordOutcome(
  state: MeetingState,
  by: string,
  at: number,
  outcome: Outcome,
  reviewDate: string | null = null,
): OutcomeRecordEvent {
  return { ...base(state, by, at), type: 'outcome.record', outcome, reviewDate };
}

export function callTimeout(_state: MeetingState, by: string, at: number): TimeoutCallEvent {
  return { id: newId(), type: 'timeout.call', by, at, expects: { timeoutId: null } };
}

export function endTimeout(state: MeetingState, by: string, at: number): TimeoutEndEvent {
  const timeoutId = activeTimeout(state)?.id ?? null;
  return { id: newId(), type: 'timeout.end', by, at, expects: { timeoutId } };
}

/** Changes someone's meeting role once the meeting runs (SPEC MEET-15). */
export function setRole(
  _state: MeetingState,
  by: string,
  at: number,
  person: string,
  role: MeetingRole,
): RoleSetEvent {
  return { id: newId(), type: 'role.set', by, at, expects: {}, person, role };
}

export function handOver(
  _state: MeetingState,
  by: string,
  at: number,
  to: string,
): FacilitatorHandoverEvent {
  return { id: newId(), type: 'facilitator.handover', by, at, expects: {}, to };
}
