import {
  appliedOutcomes,
  buildDecisionEntry,
  currentItem,
  isAmendStep,
  findItem,
  foldMeeting,
  hasDecision,
  listAgenda,
  listCircles,
  listPeople,
  meetingParticipation,
  parseRoomName,
  proposalFields,
  readLog,
  readMeeting,
  readProposal,
  recordDecision,
  recordParticipation,
  spaceParticipation,
  roomName,
  setProposalStatus,
  spaceMeetings,
  spaceProposals,
  spaceRoom,
  statusAfterOutcome,
  statusPath,
  updateMeetingSummary,
  updateProposalSummary,
  type AppliedOutcome,
  type FoldContext,
  type ItemState,
  type MeetingInfo,
  type MeetingState,
  type MeetingStatus,
  type ProposalStatus,
} from '@ronde/domain';
import type * as Y from 'yjs';
import type { DocumentRegistry, LoadedDocument } from './documents.ts';
import { withElection } from './electionConsequences.ts';
import { withAdoptedChanges } from './governanceConsequences.ts';
import { writeBacklogConsequences } from './tensionsConsequences.ts';
import { storedCopy, type Versions } from './versions.ts';
import { fileMeetingVersion, withTextAuthors } from './versionsConsequences.ts';

export interface MeetingConsequencesInput {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  /** The meeting's room, `<spaceId>/meeting/<id>`. */
  readonly room: string;
  /** The server's clock, for the entries' `recordedAt`. */
  readonly now: () => number;
  /** Proposal versions (SPEC VERS-2, VERS-5); absent, none are filed and entries name no authors. */
  readonly versions?: Versions;
}

/**
 * Writes what the meeting's log implies and the documents lack (SPEC
 * CONS-1..4), each through the document's `write()` (stored, then relayed):
 * for every applied outcome without an entry, the proposal's status (DEC-6),
 * then, in one write of the space document, the index's proposal status and
 * the entry (DEC-1, built from the fold of the log up to its outcome, CONS-9);
 * a proposal taken up without an outcome goes in consent; the meetings index
 * follows the phase. Every write re-checks its condition inside its
 * transaction, so running it twice, or concurrently for two meetings of one
 * space, writes each thing once. Rejects when a document cannot be loaded or
 * a write cannot be stored; the caller keeps the meeting pending.
 *
 * @example
 * await writeMeetingConsequences({ registry, room: 'sp1abcd/meeting/mt1abcd', now: Date.now });
 */
export async function writeMeetingConsequences(input: MeetingConsequencesInput): Promise<void> {
  const ref = parseRoomName(input.room);
  if (ref === null || ref.kind !== 'meeting') return;
  await withDocument(input.registry, input.room, async (meetingDoc) => {
    const meeting = readMeeting(meetingDoc.doc);
    if (meeting === null) return; // not created yet: nothing follows
    const log = readLog(meetingDoc.doc);
    const context: FoldContext = {
      agenda: listAgenda(meetingDoc.doc),
      people: listPeople(meetingDoc.doc),
    };
    // The server verified every entry before appending it (no isAuthentic).
    const state = foldMeeting(log, context);
    await withDocument(input.registry, spaceRoom(ref.spaceId), async (space) => {
      const meetingWork = { ...input, spaceId: ref.spaceId, meeting, log, context, state, space };
      for (const outcome of appliedOutcomes(state, log)) {
        if (!hasDecision(space.doc, outcome.eventId)) await recordOutcome(meetingWork, outcome);
      }
      for (const item of state.items) {
        if (item.proposalId === null || item.startedAt === null || item.outcome !== null) continue;
        if (holdsInConsent(state, item)) await takeUp(meetingWork, item, item.proposalId);
        else await release(meetingWork, item, item.proposalId);
      }
      await fileCurrentVersion(meetingWork);
      await followPhase(space, meeting.id, state);
      await fileParticipation(meetingWork);
      // Triages and follow-ups of the backlog (TRIAGESRV).
      await writeBacklogConsequences({
        meetingId: meeting.id,
        state,
        log,
        space,
        people: context.people,
      });
    });
  });
}

interface MeetingWork extends MeetingConsequencesInput {
  readonly spaceId: string;
  readonly meeting: MeetingInfo;
  readonly log: readonly unknown[];
  readonly context: FoldContext;
  /** The fold of the whole log. */
  readonly state: MeetingState;
  readonly space: LoadedDocument;
}

/** The proposal's status, then the index and the entry in one write of the space (CONS-2, CONS-3). */
async function recordOutcome(work: MeetingWork, outcome: AppliedOutcome): Promise<void> {
  const state = stateAtOutcome(work, outcome);
  const item = findItem(state, outcome.itemId);
  if (item === null || item.outcome === null) return;
  const { outcome: decided, at } = item.outcome;
  const build = (proposalDoc: Y.Doc | null) =>
    buildDecisionEntry({
      state,
      outcome,
      meeting: {
        id: work.meeting.id,
        title: work.meeting.title,
        circleId: work.meeting.circleId,
        circleName:
          listCircles(work.space.doc).find((c) => c.id === work.meeting.circleId)?.name ?? '',
      },
      people: work.context.people,
      proposalDoc,
      // The facilitator who recorded the outcome; the server only wrote it down.
      recordedBy: outcome.by,
      recordedAt: work.now(),
    });
  const writeEntry = async (proposalDoc: Y.Doc | null): Promise<void> => {
    const built = build(proposalDoc);
    if (built === null) return;
    // Who wrote the text as recorded, from the server's bindings (VERS-5); the adopted version too.
    const entry =
      proposalDoc === null || !work.versions
        ? built
        : await withTextAuthors(work.versions, proposalRoomOf(work, built.proposalId ?? ''), {
            entry: built,
            proposalDoc,
            meetingId: work.meeting.id,
          });
    const status = proposalDoc === null ? null : (readProposal(proposalDoc)?.status ?? null);
    await work.space.write((doc) => {
      if (hasDecision(doc, entry.id)) return;
      if (item.proposalId !== null && status !== null) {
        indexProposal(doc, item.proposalId, status, at);
      }
      // An adoption applies the proposal's governance changes in the same write (GOVSRV-1).
      // An election fills its role in the same write (ELECTSRV-1).
      recordDecision(doc, withElection(doc, withAdoptedChanges(doc, entry, proposalDoc)));
    });
  };
  if (item.proposalId === null) return writeEntry(null);
  const proposalId = item.proposalId;
  await withDocument(work.registry, proposalRoomOf(work, proposalId), async (proposal) => {
    await proposal.write((doc) => {
      const current = readProposal(doc);
      if (current === null || current.id !== proposalId) return;
      // Shortest path of allowed moves (DEC-6); none when unreachable (adopted is final).
      for (const status of statusPath(current.status, statusAfterOutcome(decided)) ?? []) {
        setProposalStatus(doc, status);
      }
    });
    const present = readProposal(proposal.doc)?.id === proposalId;
    // The text as stored: the entry and its adopted version never hold an unstored edit (VERS-7).
    await writeEntry(present ? await storedCopy(proposal) : null);
  });
}

/**
 * Which meeting took a proposal up (CONS-12): the server writes it with the
 * in-consent status, so only that meeting gives the proposal back.
 */
const CONSENT_MEETING = 'consentMeetingId';

/**
 * Whether a taken-up item without an outcome still holds its proposal in
 * consent: while the meeting runs and the item is not skipped (CONS-3,
 * CONS-12). An item left for another one (go to) still holds it.
 */
function holdsInConsent(state: MeetingState, item: ItemState): boolean {
  return state.phase !== 'ended' && item.status !== 'skipped';
}

/** A proposal whose item is or was current, without an outcome yet, is in consent (CONS-3). */
async function takeUp(work: MeetingWork, item: ItemState, proposalId: string): Promise<void> {
  await withDocument(work.registry, proposalRoomOf(work, proposalId), async (proposal) => {
    const current = readProposal(proposal.doc);
    if (current === null || current.id !== proposalId) return;
    if (current.status === 'draft') {
      await proposal.write((doc) => {
        if (readProposal(doc)?.status !== 'draft') return;
        setProposalStatus(doc, 'in-consent');
        proposalFields(doc).set(CONSENT_MEETING, work.meeting.id);
      });
    }
    const status = readProposal(proposal.doc)?.status;
    if (status === undefined || indexedStatus(work.space.doc, proposalId) === status) return;
    await work.space.write((doc) => indexProposal(doc, proposalId, status, item.startedAt ?? 0));
  });
}

/**
 * A proposal taken up by this meeting and left without an outcome — its item
 * skipped, or the meeting ended before it was decided — goes back to draft,
 * so it is editable again and can be brought to another meeting (CONS-12).
 * Only the meeting that took it up gives it back (or any, for a proposal
 * put in consent before the server recorded which meeting did).
 */
async function release(work: MeetingWork, item: ItemState, proposalId: string): Promise<void> {
  await withDocument(work.registry, proposalRoomOf(work, proposalId), async (proposal) => {
    const held = (doc: Y.Doc): boolean => {
      const current = readProposal(doc);
      if (current === null || current.id !== proposalId || current.status !== 'in-consent') {
        return false;
      }
      const by = proposalFields(doc).get(CONSENT_MEETING);
      return by === undefined || by === work.meeting.id;
    };
    if (held(proposal.doc)) {
      await proposal.write((doc) => {
        if (!held(doc)) return;
        setProposalStatus(doc, 'draft');
        proposalFields(doc).delete(CONSENT_MEETING);
      });
    }
    const status = readProposal(proposal.doc)?.status;
    if (status === undefined || indexedStatus(work.space.doc, proposalId) === status) return;
    const at = work.state.endedAt ?? item.endedAt ?? item.startedAt ?? 0;
    await work.space.write((doc) => indexProposal(doc, proposalId, status, at));
  });
}

/** The current proposal item's versions: as taken up, then after each step that changed it (VERS-2). */
async function fileCurrentVersion(work: MeetingWork): Promise<void> {
  const item = currentItem(work.state);
  const versions = work.versions;
  if (!versions || item === null || item.proposalId === null || item.outcome !== null) return;
  const proposalId = item.proposalId;
  await withDocument(work.registry, proposalRoomOf(work, proposalId), async (proposal) =>
    fileMeetingVersion(versions, proposal.name, await storedCopy(proposal), {
      proposalId,
      meetingId: work.meeting.id,
      itemId: item.id,
      stepId: work.state.step?.id ?? null,
      amending: isAmendStep(work.state),
    }),
  );
}

/** Once the meeting has ended, its participation is filed in the space, once (CONS-13). */
async function fileParticipation(work: MeetingWork): Promise<void> {
  if (work.state.phase !== 'ended') return;
  if (spaceParticipation(work.space.doc).has(work.meeting.id)) return;
  const entry = meetingParticipation(work.state, work.meeting, work.context.people);
  if (entry === null) return;
  await work.space.write((doc) => {
    recordParticipation(doc, entry);
  });
}

/** The meetings index says live once started, ended once ended (CONS-4). */
async function followPhase(space: LoadedDocument, meetingId: string, state: MeetingState) {
  const wanted: { status: MeetingStatus; at: number } | null =
    state.phase === 'ended' && state.endedAt !== null
      ? { status: 'ended', at: state.endedAt }
      : state.startedAt !== null
        ? { status: 'live', at: state.startedAt }
        : null;
  if (wanted === null) return;
  const listed = (doc: Y.Doc) => spaceMeetings(doc).get(meetingId);
  if (listed(space.doc)?.get('status') === wanted.status || !listed(space.doc)) return;
  await space.write((doc) => {
    const entry = listed(doc);
    if (!entry || entry.get('status') === wanted.status) return;
    // Never a patch older than the entry (MDOC-7 would ignore it): the log decides the status.
    const updatedAt = Math.max(wanted.at, numberOr0(entry.get('updatedAt')));
    updateMeetingSummary(doc, meetingId, { status: wanted.status, updatedAt });
  });
}

/** The fold of the log up to and including the outcome event: what a verifier reproduces (CONS-9). */
function stateAtOutcome(work: MeetingWork, outcome: AppliedOutcome): MeetingState {
  const applied = work.state.results.find(
    (r) => r.id === outcome.eventId && r.status === 'applied',
  );
  if (applied === undefined) return work.state;
  return foldMeeting(work.log.slice(0, applied.index + 1), work.context);
}

function indexProposal(doc: Y.Doc, proposalId: string, status: ProposalStatus, at: number): void {
  if (!spaceProposals(doc).has(proposalId) || indexedStatus(doc, proposalId) === status) return;
  updateProposalSummary(doc, proposalId, { status, updatedAt: at });
}

function indexedStatus(doc: Y.Doc, proposalId: string): unknown {
  return spaceProposals(doc).get(proposalId)?.get('status');
}

function proposalRoomOf(work: MeetingWork, proposalId: string): string {
  return roomName({ spaceId: work.spaceId, kind: 'proposal', id: proposalId });
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Claims a document for the time of `use`, then releases it. */
async function withDocument<T>(
  registry: Pick<DocumentRegistry, 'open'>,
  name: string,
  use: (document: LoadedDocument) => Promise<T>,
): Promise<T> {
  const handle = registry.open(name);
  try {
    return await use(await handle.ready);
  } finally {
    handle.release();
  }
}
