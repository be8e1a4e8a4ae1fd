import { MEETING_KINDS, MEETING_ROLES, type MeetingRole } from '../meeting/types.ts';
import {
  ANCHOR_MAX,
  INTEREST_MAX,
  MEETING_PHASES,
  NOTE_MAX,
  OBJECTION_RULINGS,
  ORDER_MAX,
  OUTCOMES,
  POSITION_VALUES,
  QUOTE_MAX,
  REASON_MAX,
  type Anchor,
  type DeclaredInterest,
  type MeetingEvent,
  type MeetingPhase,
  type ObjectionTestAnswers,
  type RoundExpects,
  type StepExpects,
  type TimeoutExpects,
  type TurnExpects,
} from './events.ts';
import { agendaPayload, agendaSnapshot } from './parseAgendaEvent.ts';
import { electionPayload } from '../election/parseElectionEvent.ts';
import { backlogPayload } from '../tensions/triage.ts';
import {
  id,
  idOrNull,
  isRecord,
  oneOf,
  str,
  type Json,
  type MeetingEventBody,
} from './parseFields.ts';

/** At most this many people in a start snapshot. */
const ROLES_MAX = 1000;

function roleSnapshot(value: unknown): Record<string, MeetingRole> | null {
  if (!isRecord(value)) return null;
  const entries = Object.entries(value);
  if (entries.length > ROLES_MAX) return null;
  for (const [person, role] of entries) {
    if (!id(person) || !oneOf(MEETING_ROLES, role)) return null;
  }
  // fromEntries defines own properties: a person id like "__proto__" stays data.
  return Object.fromEntries(entries) as Record<string, MeetingRole>;
}

function stepExpects(value: unknown): StepExpects | null {
  if (!isRecord(value)) return null;
  const { phase, itemId, stepId } = value;
  if (!oneOf<MeetingPhase>(MEETING_PHASES, phase) || !idOrNull(itemId) || !idOrNull(stepId)) {
    return null;
  }
  return { phase, itemId, stepId };
}

function roundExpects(value: unknown): RoundExpects | null {
  const step = stepExpects(value);
  if (step === null || !isRecord(value) || !idOrNull(value.roundId)) return null;
  return { ...step, roundId: value.roundId };
}

function turnExpects(value: unknown): TurnExpects | null {
  const round = roundExpects(value);
  if (round === null || round.roundId === null || !isRecord(value)) return null;
  const turn = value.turn;
  if (typeof turn !== 'number' || !Number.isInteger(turn) || turn < 0) return null;
  return { ...round, roundId: round.roundId, turn };
}

function timeoutExpects(value: unknown): TimeoutExpects | null {
  if (!isRecord(value) || !idOrNull(value.timeoutId)) return null;
  return { timeoutId: value.timeoutId };
}

function anchor(value: unknown): Anchor | null | undefined {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) return undefined;
  const { start, end, quote } = value;
  if (!str(start, ANCHOR_MAX) || !str(end, ANCHOR_MAX) || !str(quote, QUOTE_MAX)) return undefined;
  return { start, end, quote };
}

/** A declared interest: left out (undefined), or exactly `{ text, conflict }` (SPEC INTEREST-1). */
function interest(value: unknown): DeclaredInterest | null | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return null;
  const { text, conflict } = value;
  if (!str(text, INTEREST_MAX) || typeof conflict !== 'boolean') return null;
  return { text, conflict };
}

function answers(value: unknown): ObjectionTestAnswers | null {
  if (!isRecord(value)) return null;
  const { harm, createdByProposal, urgent, limitsRole } = value;
  if (
    typeof harm !== 'boolean' ||
    typeof createdByProposal !== 'boolean' ||
    typeof urgent !== 'boolean' ||
    typeof limitsRole !== 'boolean'
  ) {
    return null;
  }
  return { harm, createdByProposal, urgent, limitsRole };
}

function order(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > ORDER_MAX) return null;
  return value.every(id) ? [...value] : null;
}

function seconds(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The type-specific fields of an event, or null when they are malformed. */
function payload(type: string, raw: Json): MeetingEventBody | null {
  switch (type) {
    case 'meeting.start': {
      const expects = stepExpects(raw.expects);
      const roles = roleSnapshot(raw.roles);
      if (!expects || !roles) return null;
      // A start from before kinds were logged has none (SPEC TRIAGE-5).
      if (raw.kind !== undefined && !oneOf(MEETING_KINDS, raw.kind)) return null;
      const kind = raw.kind === undefined ? {} : { kind: raw.kind };
      // A start from before agendas were logged has none (SPEC AGENDA-8).
      if (raw.agenda === undefined) return { type, expects, roles, ...kind };
      const agenda = agendaSnapshot(raw.agenda);
      return agenda && { type, expects, roles, agenda, ...kind };
    }
    case 'role.set':
      return isRecord(raw.expects) && id(raw.person) && oneOf(MEETING_ROLES, raw.role)
        ? { type, expects: {}, person: raw.person, role: raw.role }
        : null;
    case 'step.next':
    case 'step.undo': {
      const expects = stepExpects(raw.expects);
      return expects && { type, expects };
    }
    case 'item.goto':
    case 'item.skip': {
      const expects = stepExpects(raw.expects);
      return expects && id(raw.target) ? { type, expects, target: raw.target } : null;
    }
    case 'item.note': {
      const expects = stepExpects(raw.expects);
      return expects && str(raw.text, NOTE_MAX) ? { type, expects, text: raw.text } : null;
    }
    case 'round.start': {
      const expects = roundExpects(raw.expects);
      const people = order(raw.order);
      const turnSeconds = seconds(raw.turnSeconds);
      if (!expects || !people || turnSeconds === undefined) return null;
      return { type, expects, order: people, turnSeconds };
    }
    case 'round.add': {
      const expects = roundExpects(raw.expects);
      return expects && id(raw.person) ? { type, expects, person: raw.person } : null;
    }
    case 'turn.end':
    case 'turn.pass': {
      const expects = turnExpects(raw.expects);
      return expects && { type, expects };
    }
    case 'position.record': {
      const expects = stepExpects(raw.expects);
      const { round, value, reason, onBehalfOf } = raw;
      const where = anchor(raw.anchor);
      const declared = interest(raw.interest);
      if (
        declared === null ||
        !expects ||
        typeof round !== 'number' ||
        !Number.isInteger(round) ||
        !oneOf(POSITION_VALUES, value) ||
        !str(reason ?? '', REASON_MAX) ||
        !idOrNull(onBehalfOf ?? null) ||
        where === undefined
      ) {
        return null;
      }
      return {
        type,
        expects,
        round,
        value,
        reason: (reason ?? '') as string,
        anchor: where,
        onBehalfOf: (onBehalfOf ?? null) as string | null,
        // Only when declared: the signed event is the event as written (SIGN-2).
        ...(declared === undefined ? {} : { interest: declared }),
      };
    }
    case 'objection.test': {
      const expects = stepExpects(raw.expects);
      const given = answers(raw.answers);
      const { objectionId, ruling } = raw;
      if (!expects || !given || !id(objectionId) || !oneOf(OBJECTION_RULINGS, ruling)) return null;
      return { type, expects, objectionId, answers: given, ruling };
    }
    case 'amendment.link': {
      const expects = stepExpects(raw.expects);
      const { objectionId, summary } = raw;
      if (!expects || !id(objectionId) || !str(summary, REASON_MAX)) return null;
      return { type, expects, objectionId, summary };
    }
    case 'objection.confirm': {
      const expects = stepExpects(raw.expects);
      const { objectionId, amendmentId, resolves } = raw;
      if (!expects || !id(objectionId) || !id(amendmentId)) return null;
      if (resolves !== undefined && typeof resolves !== 'boolean') return null;
      return {
        type,
        expects,
        objectionId,
        amendmentId,
        ...(resolves === undefined ? {} : { resolves }),
      };
    }
    case 'outcome.record': {
      const expects = stepExpects(raw.expects);
      const { outcome, reviewDate } = raw;
      if (!expects || !oneOf(OUTCOMES, outcome) || !(reviewDate == null || str(reviewDate, 10))) {
        return null;
      }
      return { type, expects, outcome, reviewDate: reviewDate ?? null };
    }
    case 'timeout.call':
    case 'timeout.end': {
      const expects = timeoutExpects(raw.expects);
      return expects && { type, expects };
    }
    case 'facilitator.handover':
      return isRecord(raw.expects) && id(raw.to) ? { type, expects: {}, to: raw.to } : null;
    default:
      return backlogPayload(type, raw) ?? agendaPayload(type, raw) ?? electionPayload(type, raw);
  }
}

/**
 * Checks any JSON value read from the log and returns a clean copy of the
 * event it holds (only the known fields), or null when it is not one
 * (SPEC MEET-12). Never throws.
 *
 * @example
 * parseEvent({ id: 'e1', type: 'step.next', by: 'u1', at: 5,
 *   expects: { phase: 'check-in', itemId: null, stepId: 's1' } }); // the event
 * parseEvent({ type: 'step.next' }); // null
 */
export function parseEvent(raw: unknown): MeetingEvent | null {
  if (!isRecord(raw)) return null;
  const { id: eventId, type, by, at } = raw;
  if (!id(eventId) || !id(by) || typeof type !== 'string') return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  const body = payload(type, raw);
  return body && ({ id: eventId, by, at, ...body } as MeetingEvent);
}
