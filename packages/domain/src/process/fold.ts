import { documentAgenda, pendingItem } from './agendaItems.ts';
import {
  applyElectionPropose,
  applyNominationChange,
  applyNominationReveal,
  applyNominationSeal,
} from '../election/applyElection.ts';
import { applyHandover, applyRoleSet, applyTimeoutCall, applyTimeoutEnd } from './authority.ts';
import type { MeetingEvent } from './events.ts';
import {
  applyItemGoto,
  applyItemNote,
  applyItemSkip,
  applyMeetingStart,
  applyStepNext,
  applyStepUndo,
} from './flow.ts';
import { applyOutcomeRecord } from './outcome.ts';
import { parseEvent } from './parseEvent.ts';
import {
  applyAmendmentLink,
  applyObjectionConfirm,
  applyObjectionTest,
  applyPositionRecord,
} from './positions.ts';
import { isRejection, refuse, type Handled } from './reduceHelpers.ts';
import {
  applyAgendaAdd,
  applyAgendaMove,
  applyAgendaRemove,
  applyAgendaUpdate,
} from './liveAgenda.ts';
import { applyRoundAdd, applyRoundStart, applyTurn } from './rounds.ts';
import { applyBacklogEvent } from '../tensions/triage.ts';
import { facilitatorsOf, roleOf } from './selectors.ts';
import type { EventResult, FoldContext, MeetingState, RejectReason } from './state.ts';

/**
 * The state before any event: not started, the agenda's items pending, the
 * people's roles as the meeting document has them (SPEC MEET-2, AGENDA-8).
 *
 * @example
 * initialMeetingState({ agenda: [], people: [] }).phase; // 'not-started'
 */
export function initialMeetingState(context: FoldContext): MeetingState {
  const items = documentAgenda(context.agenda).map(pendingItem);
  const roles = Object.fromEntries(context.people.map((person) => [person.id, person.role]));
  return {
    phase: 'not-started',
    currentItemId: null,
    step: null,
    round: null,
    pastRounds: [],
    items,
    facilitators: facilitatorsOf(roles),
    roles,
    kind: context.kind ?? 'governance',
    timeouts: [],
    startedAt: null,
    endedAt: null,
    results: [],
  };
}

function dispatch(state: MeetingState, event: MeetingEvent, context: FoldContext): Handled {
  const role = roleOf(state, context, event.by);
  if (role === null) return refuse('unknown-author');
  if (role === 'observer') return refuse('observer');
  switch (event.type) {
    case 'meeting.start':
      return applyMeetingStart(state, event);
    case 'step.next':
      return applyStepNext(state, event);
    case 'step.undo':
      return applyStepUndo(state, event);
    case 'item.goto':
      return applyItemGoto(state, event);
    case 'item.skip':
      return applyItemSkip(state, event);
    case 'item.note':
      return applyItemNote(state, event);
    case 'round.start':
      return applyRoundStart(state, event, context);
    case 'round.add':
      return applyRoundAdd(state, event, context);
    case 'turn.end':
    case 'turn.pass':
      return applyTurn(state, event);
    case 'position.record':
      return applyPositionRecord(state, event, context);
    case 'objection.test':
      return applyObjectionTest(state, event);
    case 'amendment.link':
      return applyAmendmentLink(state, event);
    case 'objection.confirm':
      return applyObjectionConfirm(state, event);
    case 'outcome.record':
      return applyOutcomeRecord(state, event);
    case 'timeout.call':
      return applyTimeoutCall(state, event);
    case 'timeout.end':
      return applyTimeoutEnd(state, event);
    case 'facilitator.handover':
      return applyHandover(state, event, context);
    case 'role.set':
      return applyRoleSet(state, event, context);
    case 'agenda.add':
      return applyAgendaAdd(state, event);
    case 'agenda.update':
      return applyAgendaUpdate(state, event, context);
    case 'agenda.remove':
      return applyAgendaRemove(state, event);
    case 'agenda.move':
      return applyAgendaMove(state, event);
    case 'nomination.seal':
      return applyNominationSeal(state, event);
    case 'nomination.reveal':
      return applyNominationReveal(state, event, context);
    case 'nomination.change':
      return applyNominationChange(state, event, context);
    case 'election.propose':
      return applyElectionPropose(state, event, context);
    case 'tension.triage':
    case 'action.review':
      return applyBacklogEvent(state, event, context);
  }
}

function field<T>(raw: unknown, key: string, check: (value: unknown) => value is T): T | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as Record<string, unknown>)[key];
  return check(value) ? value : null;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The result of an entry refused before it was parsed: what can be read of it. */
function refusedEntry(raw: unknown, index: number, reason: RejectReason): EventResult {
  return {
    index,
    id: field(raw, 'id', isString),
    type: field(raw, 'type', isString),
    by: field(raw, 'by', isString),
    at: field(raw, 'at', isNumber),
    status: 'refused',
    reason,
  };
}

/**
 * Applies one log entry (any JSON value) to the state: the next state and
 * the entry's result. A rejected entry leaves the state as it was. The
 * returned state's `results` are the input's: `foldMeeting` collects them.
 *
 * @example
 * const { state: next, result } = reduceMeeting(state, event, context, 0);
 * result.status; // 'applied' | 'superseded' | 'refused'
 */
export function reduceMeeting(
  state: MeetingState,
  raw: unknown,
  context: FoldContext,
  index: number,
): { state: MeetingState; result: EventResult } {
  const event = parseEvent(raw);
  if (event === null) return { state, result: refusedEntry(raw, index, 'malformed') };
  const base = { index, id: event.id, type: event.type, by: event.by, at: event.at };
  // Before any role check: who an unsigned entry claims to be proves nothing.
  if (context.isAuthentic !== undefined && !context.isAuthentic(raw, event, index)) {
    return { state, result: { ...base, status: 'refused', reason: 'unsigned' } };
  }
  const handled = dispatch(state, event, context);
  if (isRejection(handled)) {
    return { state, result: { ...base, status: handled.status, reason: handled.reason } };
  }
  return { state: handled, result: { ...base, status: 'applied', reason: null } };
}

/**
 * Results that do not reserve their entry's id (SPEC MEET-13): a forged or
 * garbled copy placed before a real event must not make it a duplicate.
 */
const UNRESERVED: ReadonlySet<RejectReason | null> = new Set(['malformed', 'unsigned']);

/**
 * The meeting's state: a pure, deterministic fold of the log in its merged
 * order (SPEC MEET-1). Every entry gets a result; an entry whose id an
 * earlier well-formed, authentic entry had is refused as a duplicate
 * (MEET-13), an entry `context.isAuthentic` rejects as `unsigned` (MEET-16).
 * Never throws.
 *
 * @example
 * const state = foldMeeting(meetingLog(doc).toArray(), {
 *   agenda: listAgenda(doc),
 *   people: listPeople(doc),
 * });
 */
export function foldMeeting(events: readonly unknown[], context: FoldContext): MeetingState {
  let state = initialMeetingState(context);
  const results: EventResult[] = [];
  const seen = new Set<string>();
  events.forEach((raw, index) => {
    const id = field(raw, 'id', isString);
    if (id !== null && seen.has(id)) {
      results.push(refusedEntry(raw, index, 'duplicate-id'));
      return;
    }
    const next = reduceMeeting(state, raw, context, index);
    if (id !== null && !UNRESERVED.has(next.result.reason)) seen.add(id);
    state = next.state;
    results.push(next.result);
  });
  return { ...state, results };
}
