import type * as Y from 'yjs';
import { fragmentToTree } from '../decisions/docTree.ts';
import {
  DECISION_SCHEMA_VERSION,
  type DecisionEntry,
  type LoggedObjection,
} from '../decisions/decisionEntry.ts';
import type { DecisionPosition } from '../process/decisionRecord.ts';
import type { Outcome } from '../process/events.ts';
import { proposalBody, proposalDriver, proposalTitle, readProposal } from '../proposal.ts';
import type { AsyncPolicy } from './events.ts';
import type { AsyncConsentState, AsyncResult } from './fold.ts';

/** What a decision entry of an asynchronous consent adds to a meeting's (SPEC ASYNC-14). */
export interface AsyncDecisionFacts {
  readonly result: AsyncResult;
  readonly reason: 'deadline' | 'early' | 'withdrawn';
  readonly policy: AsyncPolicy;
  readonly deadline: number;
  readonly voters: readonly string[];
  readonly revisions: number;
  /** Revisions the server filed because the text changed without a recorded amendment (ASYNC-16). */
  readonly unrecorded: number;
}

export type AsyncDecisionEntry = DecisionEntry & {
  readonly source: 'async';
  readonly async: AsyncDecisionFacts;
};

/**
 * The decision log's outcome for an asynchronous result (SPEC ASYNC-12):
 * adopted stays adopted, withdrawn stays withdrawn, and a consent that did
 * not adopt (an objection stands, too few positioned) is deferred: the
 * proposal goes back to draft, to be amended and brought again.
 */
export function outcomeOfAsync(result: AsyncResult): Outcome {
  if (result === 'adopted' || result === 'withdrawn') return result;
  return 'deferred';
}

export interface AsyncDecisionInput {
  readonly consentId: string;
  readonly state: AsyncConsentState;
  readonly proposalDoc: Y.Doc | null;
  readonly circle: { readonly id: string; readonly name: string };
  readonly recordedAt: number;
}

/**
 * The decision-log entry of a closed asynchronous consent (SPEC ASYNC-14),
 * shaped like a meeting's so the log, the export and the governance records
 * read it unchanged: keyed by the closing entry's id, the consent standing
 * in for the meeting, each revision a round, each objection with the
 * amendments made after it and whether its author lifted it. Null while the
 * consent is open.
 *
 * @example
 * const entry = buildAsyncDecisionEntry({ consentId, state, proposalDoc, circle, recordedAt });
 */
export function buildAsyncDecisionEntry(input: AsyncDecisionInput): AsyncDecisionEntry | null {
  const { state } = input;
  const closing = state.closing;
  if (closing === null) return null;
  const doc =
    input.proposalDoc !== null && readProposal(input.proposalDoc)?.id === state.proposalId
      ? input.proposalDoc
      : null;
  const positions: DecisionPosition[] = state.history.map((p, i) => ({
    round: p.revision + 1,
    person: p.person,
    value: p.value,
    reason: p.reason,
    onBehalfOf: null,
    recordedBy: p.person,
    at: p.at,
    counted: !state.history
      .slice(i + 1)
      .some((later) => later.person === p.person && later.revision === p.revision),
  }));
  const objections: LoggedObjection[] = state.history
    .filter((p) => p.value === 'objection')
    .map((p) => {
      const lifted = state.latest.get(p.person)?.value !== 'objection';
      return {
        id: p.eventId,
        round: p.revision + 1,
        objector: p.person,
        reason: p.reason,
        quote: null,
        test: null,
        amendments: state.amendments
          .filter((a) => a.at >= p.at && a.revision > p.revision)
          .map((a) => ({ id: a.eventId, summary: a.summary, by: a.by, at: a.at })),
        confirmations: [],
        resolution: lifted ? 'integrated' : 'open',
      };
    });
  const positioned = [...new Set(state.history.map((p) => p.person))];
  const decidedBy = closing.reason === 'deadline' ? '' : state.proposerId;
  const title = doc ? proposalTitle(doc).toString().replace(/\s+/g, ' ').trim() : '';
  return {
    schema: DECISION_SCHEMA_VERSION,
    id: closing.eventId,
    meeting: {
      id: input.consentId,
      title: '',
      circleId: input.circle.id,
      circleName: input.circle.name,
    },
    itemId: input.consentId,
    proposalId: state.proposalId,
    process: 'consent',
    title: title || state.proposalId,
    driver: doc ? proposalDriver(doc).toString() : '',
    body: doc ? fragmentToTree(proposalBody(doc)) : [],
    outcome: outcomeOfAsync(closing.result),
    // The review date set when sending applies to what was adopted (ASYNC-17).
    reviewDate: closing.result === 'adopted' ? state.reviewDate : null,
    decidedBy,
    decidedAt: closing.at,
    startedAt: state.openedAt,
    durationMs: Math.max(0, closing.at - state.openedAt),
    proposerId: state.proposerId,
    participants: positioned,
    facilitators: [...state.facilitators],
    positionRounds: state.revision + 1,
    positions,
    objections,
    names: { ...state.names },
    recordedBy: decidedBy,
    recordedAt: input.recordedAt,
    source: 'async',
    async: {
      result: closing.result,
      reason: closing.reason,
      policy: state.policy,
      deadline: state.deadline,
      voters: [...state.voters],
      revisions: state.revision,
      unrecorded: state.amendments.filter((a) => !a.recorded).length,
    },
  };
}
