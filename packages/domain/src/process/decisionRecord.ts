import type { DecisionProcess } from '../meeting/types.ts';
import type {
  Anchor,
  DeclaredInterest,
  ObjectionRuling,
  ObjectionTestAnswers,
  Outcome,
  PositionValue,
} from './events.ts';
import { compareCodeUnits } from './reduceHelpers.ts';
import {
  allRounds,
  effectivePositions,
  findItem,
  objectionResolution,
  type ObjectionResolution,
} from './selectors.ts';
import type { AmendmentState, ConfirmationState, MeetingState } from './state.ts';

export interface DecisionPosition {
  readonly round: number;
  readonly person: string;
  readonly value: PositionValue;
  readonly reason: string;
  /** Set when a facilitator recorded it; `recordedBy` is then the facilitator. */
  readonly onBehalfOf: string | null;
  readonly recordedBy: string;
  readonly at: number;
  /** False when the same person recorded a later position in the same round. */
  readonly counted: boolean;
  /** The interest declared with it; left out when none was (SPEC INTEREST-2). */
  readonly interest?: DeclaredInterest;
}

export interface DecisionObjection {
  readonly id: string;
  readonly round: number;
  readonly objector: string;
  readonly reason: string;
  readonly anchor: Anchor | null;
  readonly test: {
    readonly answers: ObjectionTestAnswers;
    readonly ruling: ObjectionRuling;
  } | null;
  readonly amendments: readonly AmendmentState[];
  readonly confirmations: readonly ConfirmationState[];
  readonly resolution: ObjectionResolution;
}

/** Everything a decision-log entry needs from the meeting (the driver comes from the proposal). */
export interface DecisionRecord {
  readonly itemId: string;
  readonly title: string;
  readonly proposalId: string | null;
  readonly process: DecisionProcess | null;
  readonly proposerId: string;
  readonly outcome: Outcome | null;
  readonly reviewDate: string | null;
  readonly decidedBy: string | null;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** `endedAt - startedAt`, or null while either is unknown. */
  readonly durationMs: number | null;
  /** Everyone who spoke in a round of the item or whose position was recorded, sorted. */
  readonly participants: readonly string[];
  readonly facilitators: readonly string[];
  /** How many positions rounds were held. */
  readonly positionRounds: number;
  readonly positions: readonly DecisionPosition[];
  readonly objections: readonly DecisionObjection[];
}

/**
 * The decision-log entry of one proposal item, as plain data (SPEC OUT-5);
 * null when the item is unknown or not a proposal.
 *
 * @example
 * const record = decisionRecord(state, itemId);
 * record?.outcome; // 'adopted'
 */
export function decisionRecord(state: MeetingState, itemId: string): DecisionRecord | null {
  const item = findItem(state, itemId);
  if (item === null || (item.kind !== 'proposal' && item.kind !== 'election')) return null;
  const counted = new Set<string>();
  for (let round = 1; round <= item.positionRound; round++) {
    for (const position of effectivePositions(item, round)) counted.add(position.id);
  }
  const speakers = allRounds(state)
    .filter((round) => round.itemId === item.id)
    .flatMap((round) => round.turns.filter((t) => t.status === 'spoken').map((t) => t.person));
  const participants = [...new Set([...speakers, ...item.positions.map((p) => p.person)])];
  const { startedAt, endedAt } = item;
  return {
    itemId: item.id,
    title: item.title,
    proposalId: item.proposalId,
    process: item.process,
    proposerId: item.ownerId,
    outcome: item.outcome?.outcome ?? null,
    reviewDate: item.outcome?.reviewDate ?? null,
    decidedBy: item.outcome?.by ?? null,
    startedAt,
    endedAt,
    durationMs: startedAt !== null && endedAt !== null ? endedAt - startedAt : null,
    participants: participants.sort(compareCodeUnits),
    facilitators: item.facilitators,
    positionRounds: item.positionRound,
    positions: item.positions.map((p) => ({
      round: p.round,
      person: p.person,
      value: p.value,
      reason: p.reason,
      onBehalfOf: p.onBehalfOf,
      recordedBy: p.by,
      at: p.at,
      counted: counted.has(p.id),
      ...(p.interest === undefined ? {} : { interest: p.interest }),
    })),
    objections: item.objections.map((o) => ({
      id: o.id,
      round: o.round,
      objector: o.objector,
      reason: o.reason,
      anchor: o.anchor,
      test: o.test && { answers: o.test.answers, ruling: o.test.ruling },
      amendments: o.amendments,
      confirmations: o.confirmations,
      resolution: objectionResolution(item, o),
    })),
  };
}
