import type { MeetingRole } from '../meeting/types.ts';
import type { ElectionTarget } from '../election/target.ts';
import { newId } from '../ids.ts';
import { DEFAULT_TIMEBOX_MINUTES } from '../meeting/agendaFields.ts';
import type { AgendaItemKind, DecisionProcess } from '../meeting/types.ts';
import type {
  AgendaAddEvent,
  AgendaItemChanges,
  AgendaMoveEvent,
  AgendaRemoveEvent,
  AgendaUpdateEvent,
  AmendmentLinkEvent,
  Anchor,
  DeclaredInterest,
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
import { loggedAgenda } from './agendaItems.ts';
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
 * Starts the meeting with a snapshot of everyone's role and of the agenda
 * (the fold's items, read from the meeting document's agenda before the
 * start) as this replica sees them: from then on both change only through
 * the log (SPEC MEET-2, AGENDA-8).
 */
export function startMeeting(state: MeetingState, by: string, at: number): MeetingStartEvent {
  return {
    ...base(state, by, at),
    type: 'meeting.start',
    roles: { ...state.roles },
    agenda: loggedAgenda(state.items),
    kind: state.kind ?? 'governance',
  };
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
  /** A personal interest in the outcome (SPEC INTEREST-1); left out when none is declared. */
  readonly interest?: DeclaredInterest | null;
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
    ...(input.interest ? { interest: input.interest } : {}),
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

/**
 * Answers whether the latest amendment linked to the objection resolves it
 * (objector, or in IDM the proposer): a yes by default, `resolves` false
 * for a no (SPEC IDM-6, CONSENT-4).
 */
export function confirmAmendment(
  state: MeetingState,
  by: string,
  at: number,
  objectionId: string,
  resolves = true,
): ObjectionConfirmEvent {
  const item = currentItem(state);
  const objection = item === null ? null : findObjection(item, objectionId);
  const amendmentId = objection?.amendments.at(-1)?.id ?? 'none';
  return {
    ...base(state, by, at),
    type: 'objection.confirm',
    objectionId,
    amendmentId,
    ...(resolves ? {} : { resolves: false }),
  };
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

/** What a live agenda item needs; the rest defaults as `addAgendaItem`'s does. */
export interface LiveItemInput {
  /** A fresh id; one is minted when left out. */
  readonly id?: string;
  readonly kind: AgendaItemKind;
  /** Required, except for a tension, whose title defaults to its text's first line. */
  readonly title?: string;
  readonly proposalId?: string | null;
  /** A proposal item's process; consent when left out. */
  readonly process?: DecisionProcess | null;
  readonly text?: string;
  readonly timeboxMinutes?: number;
  /** A proposal item's proposer: the proposal's author (SPEC AGENDA-9); else the adder. */
  readonly ownerId?: string | null;
  /** An election item's role and term (SPEC ELECT-1). */
  readonly election?: ElectionTarget;
}

/**
 * Adds an item at the end of the agenda while the meeting runs; the author
 * owns it (SPEC AGENDA-9).
 *
 * @example
 * appendEvent(doc, addLiveItem(state, me, serverNow(), { kind: 'tension', text: 'Keys' }));
 */
export function addLiveItem(
  _state: MeetingState,
  by: string,
  at: number,
  input: LiveItemInput,
): AgendaAddEvent {
  const proposal = input.kind === 'proposal';
  const item = {
    id: input.id ?? newId(),
    kind: input.kind,
    title: (input.title ?? '').trim(),
    proposalId: proposal ? (input.proposalId ?? null) : null,
    process: proposal ? (input.process ?? 'consent') : null,
    text: input.kind === 'tension' ? (input.text ?? '').trim() : '',
    timeboxMinutes: input.timeboxMinutes ?? DEFAULT_TIMEBOX_MINUTES,
    ...(proposal && input.ownerId ? { ownerId: input.ownerId } : {}),
    ...(input.kind === 'election' && input.election ? { election: input.election } : {}),
  };
  return { id: newId(), type: 'agenda.add', by, at, expects: {}, item };
}

/**
 * Edits a pending item that was never current (SPEC AGENDA-10).
 *
 * @example
 * appendEvent(doc, updateLiveItem(state, me, serverNow(), itemId, { timeboxMinutes: 20 }));
 */
export function updateLiveItem(
  _state: MeetingState,
  by: string,
  at: number,
  itemId: string,
  patch: AgendaItemChanges,
): AgendaUpdateEvent {
  const clean = Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as AgendaItemChanges;
  return { id: newId(), type: 'agenda.update', by, at, expects: {}, itemId, patch: clean };
}

/**
 * Removes a pending item that was never current (SPEC AGENDA-11).
 *
 * @example
 * appendEvent(doc, removeLiveItem(state, me, serverNow(), itemId));
 */
export function removeLiveItem(
  _state: MeetingState,
  by: string,
  at: number,
  itemId: string,
): AgendaRemoveEvent {
  return { id: newId(), type: 'agenda.remove', by, at, expects: {}, itemId };
}

/**
 * Moves a pending item that was never current before another item, or to
 * the end with `null` (SPEC AGENDA-12).
 *
 * @example
 * appendEvent(doc, moveLiveItem(state, me, serverNow(), itemId, null)); // last
 */
export function moveLiveItem(
  _state: MeetingState,
  by: string,
  at: number,
  itemId: string,
  beforeItemId: string | null,
): AgendaMoveEvent {
  return { id: newId(), type: 'agenda.move', by, at, expects: {}, itemId, beforeItemId };
}
