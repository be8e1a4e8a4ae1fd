import type {
  AgendaItem,
  DecisionProcess,
  MeetingKind,
  MeetingPerson,
  MeetingRole,
} from '../meeting/types.ts';
import type {
  Anchor,
  DeclaredInterest,
  MeetingEvent,
  MeetingPhase,
  ObjectionRuling,
  ObjectionTestAnswers,
  Outcome,
  PositionValue,
} from './events.ts';
import type { ElectionState } from '../election/electionState.ts';
import type { StepKind } from './templates.ts';

/** What the fold reads besides the log: the meeting document's agenda and people. */
export interface FoldContext {
  /** In agenda order. Read only until an applied `meeting.start` carries its snapshot (MEET-2). */
  readonly agenda: readonly AgendaItem[];
  readonly people: readonly MeetingPerson[];
  /**
   * The meeting document's kind, read only until an applied `meeting.start`
   * carries its snapshot (SPEC TRIAGE-5); absent, `governance`.
   */
  readonly kind?: MeetingKind;
  /**
   * Whether a log entry is the authentic work of its author (SPEC MEET-16):
   * the server answers "I appended it", a browser "its signature verifies".
   * `raw` is the entry as stored (with `kid` and `sig`), `event` its parsed
   * form. Without it every well-formed entry counts as authentic.
   */
  readonly isAuthentic?: (raw: unknown, event: MeetingEvent, index: number) => boolean;
}

/** One visit of a step. A step re-entered (loop, undo, return) is a new instance. */
export interface StepState {
  /** The id of the event that entered the step: what commands `expect`. */
  readonly id: string;
  readonly key: string;
  readonly kind: StepKind;
  readonly startedAt: number;
  /** The item's positions round this step concerns (0: none yet). */
  readonly positionRound: number;
}

export interface TurnState {
  readonly person: string;
  readonly status: 'spoken' | 'passed';
  readonly by: string;
  readonly at: number;
}

export interface RoundState {
  /** The id of the `round.start` event. */
  readonly id: string;
  readonly phase: MeetingPhase;
  readonly itemId: string | null;
  readonly stepId: string;
  readonly order: readonly string[];
  /** Turns taken so far, in order: the current speaker is `order[turns.length]`. */
  readonly turns: readonly TurnState[];
  readonly startedBy: string;
  readonly startedAt: number;
  readonly turnStartedAt: number;
  readonly turnSeconds: number;
}

export interface PositionState {
  /** The id of the `position.record` event. */
  readonly id: string;
  readonly round: number;
  readonly person: string;
  readonly value: PositionValue;
  readonly reason: string;
  readonly anchor: Anchor | null;
  /** The author; differs from `person` when a facilitator recorded it on their behalf. */
  readonly by: string;
  readonly onBehalfOf: string | null;
  readonly at: number;
  /** The interest declared with it, if any (SPEC INTEREST-1). */
  readonly interest?: DeclaredInterest;
}

export interface ObjectionTestState {
  readonly answers: ObjectionTestAnswers;
  readonly ruling: ObjectionRuling;
  readonly by: string;
  readonly at: number;
}

export interface AmendmentState {
  /** The id of the `amendment.link` event. */
  readonly id: string;
  readonly summary: string;
  readonly by: string;
  readonly at: number;
}

export interface ConfirmationState {
  readonly by: string;
  readonly amendmentId: string;
  readonly at: number;
  /** False when the answer was "it does not resolve it" (SPEC CONSENT-4); left out for a yes. */
  readonly resolves?: boolean;
}

export interface ObjectionState {
  /** The id of the position that raised it. */
  readonly id: string;
  readonly round: number;
  readonly objector: string;
  readonly reason: string;
  readonly anchor: Anchor | null;
  readonly recordedBy: string;
  readonly at: number;
  readonly test: ObjectionTestState | null;
  readonly amendments: readonly AmendmentState[];
  readonly confirmations: readonly ConfirmationState[];
}

export interface OutcomeState {
  readonly outcome: Outcome;
  readonly reviewDate: string | null;
  readonly by: string;
  readonly at: number;
}

export type ItemStatus = 'pending' | 'skipped' | 'done';

export interface ItemState {
  readonly id: string;
  readonly kind: AgendaItem['kind'];
  readonly process: DecisionProcess | null;
  readonly proposalId: string | null;
  readonly ownerId: string;
  readonly title: string;
  /** A tension item's text ('' for other kinds). */
  readonly text: string;
  readonly timeboxMinutes: number;
  readonly status: ItemStatus;
  /** The path through the steps; undo pops it. The last entry is where the item stands. */
  readonly trail: readonly StepState[];
  /** Every step instance entered, oldest first (undo never removes one). */
  readonly history: readonly StepState[];
  /** The latest positions round number (0: none yet). */
  readonly positionRound: number;
  /** Every position recorded, oldest first (replaced ones included). */
  readonly positions: readonly PositionState[];
  /** Objections of the effective positions, oldest first. */
  readonly objections: readonly ObjectionState[];
  readonly outcome: OutcomeState | null;
  /** A tension item's next-action note. */
  readonly note: string;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** Time the item was current in its closed visits, in ms (SPEC TIME-1). */
  readonly spentMs: number;
  /** When its open visit began (it is the current item), or null. */
  readonly currentSince: number | null;
  /** Everyone who was a facilitator while the item was current, sorted. */
  readonly facilitators: readonly string[];
  /** An election item's nominations and proposals (SPEC ELECT-2 … ELECT-8). */
  readonly election?: ElectionState;
}

export interface TimeoutState {
  /** The id of the `timeout.call` event. */
  readonly id: string;
  readonly by: string;
  readonly at: number;
  readonly endedBy: string | null;
  readonly endedAt: number | null;
}

export type ResultStatus = 'applied' | 'superseded' | 'refused';

/** Why an event was not applied: a code the UI translates. */
export type RejectReason =
  | 'malformed'
  | 'unsigned'
  | 'duplicate-id'
  | 'unknown-author'
  | 'observer'
  | 'not-facilitator'
  | 'not-allowed'
  | 'stale'
  | 'meeting-ended'
  | 'not-started'
  | 'unknown-item'
  | 'unknown-person'
  | 'item-done'
  | 'same-item'
  | 'no-previous-step'
  | 'wrong-step'
  | 'wrong-item-kind'
  | 'not-tactical'
  | 'outcome-missing'
  | 'round-running'
  | 'round-complete'
  | 'no-round'
  | 'empty-order'
  | 'duplicate-person'
  | 'invalid-seconds'
  | 'invalid-position'
  | 'on-behalf-of-self'
  | 'reason-required'
  | 'anchor-needs-objection'
  | 'unknown-objection'
  | 'objection-not-blocking'
  | 'valid-needs-four-yes'
  | 'summary-required'
  | 'already-confirmed'
  | 'review-date-required'
  | 'invalid-date'
  | 'objections-open'
  | 'no-positions'
  | 'already-facilitator'
  | 'timeout-active'
  | 'same-role'
  | 'last-facilitator'
  | 'agenda-full'
  | 'item-exists'
  | 'item-started'
  | 'not-pending'
  | 'invalid-title'
  | 'invalid-text'
  | 'invalid-timebox'
  | 'invalid-process'
  | 'proposal-required'
  | 'invalid-interest'
  | 'election-required'
  | 'nominations-revealed'
  | 'not-revealed'
  | 'unknown-seal'
  | 'seal-mismatch'
  | 'already-revealed'
  | 'term-too-long'
  | 'no-candidate'
  | 'candidate-not-consented';

export interface EventResult {
  /** Position in the log. */
  readonly index: number;
  readonly id: string | null;
  readonly type: string | null;
  readonly by: string | null;
  readonly at: number | null;
  readonly status: ResultStatus;
  readonly reason: RejectReason | null;
}

export interface MeetingState {
  readonly phase: MeetingPhase;
  readonly currentItemId: string | null;
  /** The current step instance (check-in, an item's step, closing), or null. */
  readonly step: StepState | null;
  /** The latest round of the current step, running or complete, or null. */
  readonly round: RoundState | null;
  /** Earlier rounds, oldest first. */
  readonly pastRounds: readonly RoundState[];
  /**
   * In agenda order: the meeting document's agenda until an applied start
   * carries its snapshot, then the log's (SPEC AGENDA-8).
   */
  readonly items: readonly ItemState[];
  /** Current facilitators, sorted by id: the people whose role is facilitator. */
  readonly facilitators: readonly string[];
  /**
   * Meeting roles by user id. Before the start: the people's roles as the
   * meeting document has them now. From `meeting.start` on: the start's
   * snapshot, changed only by `role.set` and handover events (SPEC MEET-2).
   */
  readonly roles: Readonly<Record<string, MeetingRole>>;
  /**
   * The meeting's kind: the document's before the start, then the start's
   * snapshot; null after a start written before kinds were logged, which
   * is no tactical meeting (SPEC TRIAGE-5).
   */
  readonly kind: MeetingKind | null;
  /** Every time-out called, oldest first; the last one is active when not ended. */
  readonly timeouts: readonly TimeoutState[];
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** One result per log entry, in log order (filled by `foldMeeting`). */
  readonly results: readonly EventResult[];
}
