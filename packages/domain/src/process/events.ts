import type { ElectionEvent } from '../election/electionEvents.ts';
import type { ElectionTarget } from '../election/target.ts';
import type {
  AgendaItemKind,
  DecisionProcess,
  MeetingKind,
  MeetingRole,
} from '../meeting/types.ts';
import type { ActionReviewEvent, TensionTriageEvent } from '../tensions/triage.ts';
/**
 * The meeting process events: plain JSON objects appended to the meeting
 * document's `log` array (SPEC MEET-1). Every event names its author (`by`),
 * the server time its client measured (`at`) and the state it was issued
 * against (`expects`); the fold applies it only if that state still holds.
 */

/** Where the meeting stands. */
export const MEETING_PHASES = ['not-started', 'check-in', 'item', 'closing', 'ended'] as const;
export type MeetingPhase = (typeof MEETING_PHASES)[number];

/** The positions a participant may record; a process template allows a subset. */
export const POSITION_VALUES = [
  'consent',
  'concern',
  'objection',
  'stand-aside',
  'no-objection',
] as const;
export type PositionValue = (typeof POSITION_VALUES)[number];

/** A facilitator's ruling on an IDM objection after the four validity questions. */
export const OBJECTION_RULINGS = ['valid', 'invalid', 'concern'] as const;
export type ObjectionRuling = (typeof OBJECTION_RULINGS)[number];

export const OUTCOMES = ['adopted', 'rejected', 'withdrawn', 'deferred'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The state a step-scoped command was issued against. */
export interface StepExpects {
  readonly phase: MeetingPhase;
  readonly itemId: string | null;
  /** The id of the current step instance (the id of the event that entered it). */
  readonly stepId: string | null;
}

/** A round command also names the current round of the step (null: none yet). */
export interface RoundExpects extends StepExpects {
  readonly roundId: string | null;
}

/** A turn command names the round and the turn (0-based index) it ends. */
export interface TurnExpects extends StepExpects {
  readonly roundId: string;
  readonly turn: number;
}

/** A time-out command names the active time-out (null: none active). */
export interface TimeoutExpects {
  readonly timeoutId: string | null;
}

/**
 * Where an objection points in the proposal body: `start` and `end` are
 * base64-encoded `Y.RelativePosition`s (see `encodeAnchor`).
 */
export interface Anchor {
  readonly start: string;
  readonly end: string;
  readonly quote: string;
}

/** The four IDM validity questions, answered yes (true) or no (false). */
export interface ObjectionTestAnswers {
  /** Does the proposal cause harm or move the circle backwards? */
  readonly harm: boolean;
  /** Is the tension created by the proposal (would it not exist without it)? */
  readonly createdByProposal: boolean;
  /** Must it be dealt with now, before the proposal is adopted? */
  readonly urgent: boolean;
  /** Does it limit one of the objector's roles? */
  readonly limitsRole: boolean;
}

interface EventBase<T extends string, E> {
  readonly id: string;
  readonly type: T;
  /** The author's user id. */
  readonly by: string;
  /** Epoch ms on the server's clock, as the author's client measured it. */
  readonly at: number;
  readonly expects: E;
}

/**
 * An agenda item as the log carries it: what the fold needs of it (SPEC
 * MEET-2, AGENDA-8). `proposalId` and `process` are set for a proposal
 * item only, `text` for a tension only.
 */
export interface LoggedAgendaItem {
  readonly id: string;
  readonly kind: AgendaItemKind;
  readonly title: string;
  readonly proposalId: string | null;
  readonly process: DecisionProcess | null;
  readonly text: string;
  readonly ownerId: string;
  readonly timeboxMinutes: number;
  /** Set for an election item only (SPEC ELECT-1). */
  readonly election?: ElectionTarget;
}

/**
 * Starts the meeting. `roles` is the starter's snapshot of everyone's meeting
 * role, `agenda` of the agenda in agenda order: from then on both change
 * only through the log (SPEC MEET-2, MEET-15, AGENDA-8). A start written
 * before agendas were logged has no `agenda`.
 */
export interface MeetingStartEvent extends EventBase<'meeting.start', StepExpects> {
  readonly roles: Readonly<Record<string, MeetingRole>>;
  readonly agenda?: readonly LoggedAgendaItem[];
  /** The meeting's kind (SPEC TRIAGE-5); a start written before kinds were logged has none. */
  readonly kind?: MeetingKind;
}
export type StepNextEvent = EventBase<'step.next', StepExpects>;
export type StepUndoEvent = EventBase<'step.undo', StepExpects>;
export interface ItemGotoEvent extends EventBase<'item.goto', StepExpects> {
  readonly target: string;
}
export interface ItemSkipEvent extends EventBase<'item.skip', StepExpects> {
  readonly target: string;
}
export interface ItemNoteEvent extends EventBase<'item.note', StepExpects> {
  readonly text: string;
}
export interface RoundStartEvent extends EventBase<'round.start', RoundExpects> {
  /** The speaking order, a snapshot the facilitator's client computed and maybe reordered. */
  readonly order: readonly string[];
  /** Seconds per turn, or null for the step's default. */
  readonly turnSeconds: number | null;
}
export interface RoundAddEvent extends EventBase<'round.add', RoundExpects> {
  readonly person: string;
}
export type TurnEndEvent = EventBase<'turn.end', TurnExpects>;
export type TurnPassEvent = EventBase<'turn.pass', TurnExpects>;
/**
 * A personal interest in the outcome, declared beside a position (SPEC
 * INTEREST-1): what the person stands to gain or lose, and whether it is a
 * conflict of interest.
 */
export interface DeclaredInterest {
  readonly text: string;
  readonly conflict: boolean;
}

export interface PositionRecordEvent extends EventBase<'position.record', StepExpects> {
  /** The positions round number (1, 2, …) of the item. */
  readonly round: number;
  readonly value: PositionValue;
  readonly reason: string;
  readonly anchor: Anchor | null;
  /** Set when a facilitator records the position of someone else. */
  readonly onBehalfOf: string | null;
  /** The person's declared interest, when they state one (SPEC INTEREST-1). */
  readonly interest?: DeclaredInterest;
}
export interface ObjectionTestEvent extends EventBase<'objection.test', StepExpects> {
  readonly objectionId: string;
  readonly answers: ObjectionTestAnswers;
  readonly ruling: ObjectionRuling;
}
export interface AmendmentLinkEvent extends EventBase<'amendment.link', StepExpects> {
  readonly objectionId: string;
  /** What the edit of the proposal text changed, in a sentence. */
  readonly summary: string;
}
export interface ObjectionConfirmEvent extends EventBase<'objection.confirm', StepExpects> {
  readonly objectionId: string;
  /** The amendment confirmed: only the latest one linked to the objection counts. */
  readonly amendmentId: string;
  /**
   * The answer to "does this amendment resolve the objection?" (SPEC
   * CONSENT-4): false records a no; left out, a yes.
   */
  readonly resolves?: boolean;
}
export interface OutcomeRecordEvent extends EventBase<'outcome.record', StepExpects> {
  readonly outcome: Outcome;
  /** `YYYY-MM-DD`, required when adopted. */
  readonly reviewDate: string | null;
}
export type TimeoutCallEvent = EventBase<'timeout.call', TimeoutExpects>;
export type TimeoutEndEvent = EventBase<'timeout.end', TimeoutExpects>;
export interface FacilitatorHandoverEvent extends EventBase<
  'facilitator.handover',
  Record<string, never>
> {
  readonly to: string;
}

/** A facilitator changes someone's role during the meeting (SPEC MEET-15). */
export interface RoleSetEvent extends EventBase<'role.set', Record<string, never>> {
  readonly person: string;
  readonly role: MeetingRole;
}

/**
 * An item added while the meeting runs; its owner is its author, except
 * that a proposal item may name its proposer (the proposal's author) as
 * owner (SPEC AGENDA-9).
 */
export interface AgendaAddEvent extends EventBase<'agenda.add', Record<string, never>> {
  readonly item: Omit<LoggedAgendaItem, 'ownerId'> & { readonly ownerId?: string };
}

/** The fields of a not yet started item that may change while the meeting runs. */
export type AgendaItemChanges = Partial<
  Pick<LoggedAgendaItem, 'title' | 'ownerId' | 'timeboxMinutes' | 'process' | 'text'>
>;

/** Edits a pending item that was never current (SPEC AGENDA-10). */
export interface AgendaUpdateEvent extends EventBase<'agenda.update', Record<string, never>> {
  readonly itemId: string;
  readonly patch: AgendaItemChanges;
}

/** Removes a pending item that was never current (SPEC AGENDA-11). */
export interface AgendaRemoveEvent extends EventBase<'agenda.remove', Record<string, never>> {
  readonly itemId: string;
}

/** Moves a pending item that was never current before another, or to the end (SPEC AGENDA-12). */
export interface AgendaMoveEvent extends EventBase<'agenda.move', Record<string, never>> {
  readonly itemId: string;
  /** The item it goes before, or null for the end of the agenda. */
  readonly beforeItemId: string | null;
}

export type MeetingEvent =
  | MeetingStartEvent
  | AgendaAddEvent
  | AgendaUpdateEvent
  | AgendaRemoveEvent
  | AgendaMoveEvent
  | StepNextEvent
  | StepUndoEvent
  | ItemGotoEvent
  | ItemSkipEvent
  | ItemNoteEvent
  | RoundStartEvent
  | RoundAddEvent
  | TurnEndEvent
  | TurnPassEvent
  | PositionRecordEvent
  | ObjectionTestEvent
  | AmendmentLinkEvent
  | ObjectionConfirmEvent
  | OutcomeRecordEvent
  | TimeoutCallEvent
  | TimeoutEndEvent
  | FacilitatorHandoverEvent
  | RoleSetEvent
  | ElectionEvent
  | TensionTriageEvent
  | ActionReviewEvent;

export type MeetingEventType = MeetingEvent['type'];

/** Text limits (characters), enforced when an event is parsed. */
export const REASON_MAX = 2000;
export const NOTE_MAX = 500;
export const QUOTE_MAX = 1000;
export const ANCHOR_MAX = 4096;
export const ORDER_MAX = 200;
export const INTEREST_MAX = 500;
