import type * as Y from 'yjs';
import type { MeetingPerson } from '../meeting/types.ts';
import { decisionRecord, type DecisionRecord } from '../process/decisionRecord.ts';
import { findItem } from '../process/selectors.ts';
import type { MeetingState } from '../process/state.ts';
import { proposalBody, proposalDriver, proposalTitle, readProposal } from '../proposal.ts';
import {
  DECISION_SCHEMA_VERSION,
  type DecisionEntry,
  type DecisionMeeting,
} from './decisionEntry.ts';
import { fragmentToTree } from './docTree.ts';
import { electionDecision, electionPeople } from '../election/electionDecision.ts';

/** An applied outcome of the meeting: the event, its item and its author. */
export interface AppliedOutcome {
  readonly eventId: string;
  readonly itemId: string;
  readonly by: string;
}

/**
 * The applied `outcome.record` events of a folded meeting, in log order
 * (SPEC DEC-2). The item is the one the event expected (an outcome applies
 * only to the current item, MEET-3), checked against the item's outcome.
 *
 * @example
 * appliedOutcomes(state, readLog(meetingDoc)).filter((o) => o.by === me);
 */
export function appliedOutcomes(state: MeetingState, log: readonly unknown[]): AppliedOutcome[] {
  const found: AppliedOutcome[] = [];
  for (const result of state.results) {
    if (result.status !== 'applied' || result.type !== 'outcome.record') continue;
    const itemId = expectedItem(log[result.index]);
    const outcome = findItem(state, itemId)?.outcome;
    if (itemId === null || result.id === null || outcome?.by !== result.by) continue;
    if (outcome.at !== result.at) continue;
    found.push({ eventId: result.id, itemId, by: outcome.by });
  }
  return found;
}

/**
 * The outcomes this user authored whose entry the space's log lacks (SPEC
 * DEC-2): what their client must still write, on every load, so a crash
 * between the outcome and the entry heals.
 *
 * @example
 * outcomesToRecord(state, readLog(meetingDoc), me, (id) => hasDecision(spaceDoc, id));
 */
export function outcomesToRecord(
  state: MeetingState,
  log: readonly unknown[],
  userId: string,
  isRecorded: (eventId: string) => boolean,
): AppliedOutcome[] {
  return appliedOutcomes(state, log).filter((o) => o.by === userId && !isRecorded(o.eventId));
}

function expectedItem(event: unknown): string | null {
  if (event === null || typeof event !== 'object') return null;
  const expects = (event as { expects?: unknown }).expects;
  if (expects === null || typeof expects !== 'object') return null;
  const itemId = (expects as { itemId?: unknown }).itemId;
  return typeof itemId === 'string' ? itemId : null;
}

export interface BuildDecisionInput {
  readonly state: MeetingState;
  readonly outcome: AppliedOutcome;
  readonly meeting: DecisionMeeting;
  readonly people: readonly MeetingPerson[];
  /** The proposal document, or null when it could not be loaded. */
  readonly proposalDoc: Y.Doc | null;
  readonly recordedBy: string;
  readonly recordedAt: number;
}

/**
 * The log entry of an applied outcome (SPEC DEC-3): the meeting's decision
 * record, the proposal's title, driver and text as they are now, and the
 * names of everyone it mentions. Null when the item is not a decided
 * proposal item.
 *
 * @example
 * const entry = buildDecisionEntry({ state, outcome, meeting, people, proposalDoc,
 *   recordedBy: me, recordedAt: serverNow() });
 */
export function buildDecisionEntry(input: BuildDecisionInput): DecisionEntry | null {
  const record = decisionRecord(input.state, input.outcome.itemId);
  if (record === null || record.outcome === null || record.endedAt === null) return null;
  const doc =
    input.proposalDoc !== null && readProposal(input.proposalDoc) ? input.proposalDoc : null;
  const title = doc ? proposalTitle(doc).toString().replace(/\s+/g, ' ').trim() : '';
  const item = findItem(input.state, input.outcome.itemId);
  const election = item === null ? undefined : electionDecision(item);
  const ids = mentionedIds(record, input.recordedBy);
  for (const id of election === undefined ? [] : electionPeople(election)) ids.add(id);
  const names: Record<string, string> = {};
  for (const person of input.people) {
    if (ids.has(person.id) && person.name !== '') names[person.id] = person.name;
  }
  // A proposer who was not at the meeting is named as the proposal names its author (DEC-3).
  const meta = doc ? readProposal(doc) : null;
  if (meta && meta.authorId === record.proposerId && !names[meta.authorId] && meta.createdBy) {
    names[meta.authorId] = meta.createdBy;
  }
  return {
    schema: DECISION_SCHEMA_VERSION,
    id: input.outcome.eventId,
    meeting: input.meeting,
    itemId: record.itemId,
    proposalId: record.proposalId,
    process: record.process,
    title: title || record.title,
    driver: doc ? proposalDriver(doc).toString() : '',
    body: doc ? fragmentToTree(proposalBody(doc)) : [],
    outcome: record.outcome,
    reviewDate: record.reviewDate,
    decidedBy: record.decidedBy ?? input.outcome.by,
    decidedAt: record.endedAt,
    startedAt: record.startedAt,
    durationMs: record.durationMs,
    proposerId: record.proposerId,
    participants: record.participants,
    facilitators: record.facilitators,
    positionRounds: record.positionRounds,
    positions: record.positions,
    objections: record.objections.map(({ anchor, ...objection }) => ({
      ...objection,
      quote: anchor?.quote ?? null,
    })),
    names,
    recordedBy: input.recordedBy,
    recordedAt: input.recordedAt,
    ...(election === undefined ? {} : { election }),
  };
}

function mentionedIds(record: DecisionRecord, recordedBy: string): Set<string> {
  const ids = new Set<string>([record.proposerId, recordedBy, ...record.participants]);
  ids.add(record.decidedBy ?? '');
  for (const id of record.facilitators) ids.add(id);
  for (const p of record.positions) {
    ids.add(p.person);
    ids.add(p.recordedBy);
    if (p.onBehalfOf !== null) ids.add(p.onBehalfOf);
  }
  for (const o of record.objections) {
    ids.add(o.objector);
    for (const a of o.amendments) ids.add(a.by);
    for (const c of o.confirmations) ids.add(c.by);
  }
  ids.delete('');
  return ids;
}

/**
 * Everyone an entry credits (SPEC DEC-8): the proposer, participants,
 * facilitators, authors of amendments, sorted by id.
 *
 * @example
 * decisionContributors(entry).map((id) => entry.names[id] ?? id);
 */
export function decisionContributors(entry: DecisionEntry): string[] {
  const ids = new Set<string>([entry.proposerId, ...entry.participants, ...entry.facilitators]);
  for (const o of entry.objections) for (const a of o.amendments) ids.add(a.by);
  ids.delete('');
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
