import {
  applyOutcomeToProposal,
  buildDecisionEntry,
  findItem,
  hasDecision,
  listCircles,
  listPeople,
  outcomesToRecord,
  readLog,
  readMeeting,
  readProposal,
  readSpace,
  recordDecision,
  type AppliedOutcome,
  type MeetingState,
} from '@ronde/domain';
import type * as Y from 'yjs';
import type { RoomLoad } from '../sync/openDoc.ts';

/** A proposal document opened for the writer, released once it is done. */
export interface ProposalHandle {
  readonly doc: Y.Doc;
  load(): RoomLoad;
  onLoad(listener: () => void): () => void;
  release(): void;
}

export type OpenProposal = (spaceId: string, proposalId: string) => ProposalHandle;

export interface DecisionWriterOptions {
  readonly meetingDoc: Y.Doc;
  readonly spaceDoc: Y.Doc;
  readonly meetingId: string;
  /** This device's user: only the outcomes they authored are written (SPEC DEC-2). */
  readonly userId: string;
  readonly openProposal: OpenProposal;
  /** The server's clock, for `recordedAt`. */
  readonly now: () => number;
}

export interface DecisionWriter {
  /** Starts writing every outcome of this user whose entry is missing. */
  sync(state: MeetingState): void;
  /** Cancels what waits for a proposal; a later `sync` starts again. */
  cancel(): void;
}

/**
 * Writes the decision-log entries of the outcomes this user recorded
 * (SPEC DEC-2): for each one missing from the space's log, it opens the
 * proposal, waits until its document is there (or the server has answered
 * without it), then builds the entry, moves the proposal's status (DEC-6) and
 * records the entry (DEC-1), all in one go. The entry is written last, so a
 * crash before it leaves the outcome pending and the next `sync` heals it.
 * One job per outcome at a time; `recordDecision` being idempotent, a
 * second tab doing the same is harmless.
 *
 * @example
 * const writer = createDecisionWriter({ meetingDoc, spaceDoc, meetingId, userId, openProposal, now });
 * writer.sync(state);
 */
export function createDecisionWriter(options: DecisionWriterOptions): DecisionWriter {
  const { meetingDoc, spaceDoc, userId } = options;
  const jobs = new Map<string, () => void>();
  let latest: MeetingState | null = null;

  const write = (outcome: AppliedOutcome, proposalDoc: Y.Doc | null): void => {
    const state = latest;
    const meeting = readMeeting(meetingDoc);
    if (state === null || meeting === null || hasDecision(spaceDoc, outcome.eventId)) return;
    const item = findItem(state, outcome.itemId);
    const entry = buildDecisionEntry({
      state,
      outcome,
      meeting: {
        id: options.meetingId,
        title: meeting.title,
        circleId: meeting.circleId,
        circleName: listCircles(spaceDoc).find((c) => c.id === meeting.circleId)?.name ?? '',
      },
      people: listPeople(meetingDoc),
      proposalDoc,
      recordedBy: userId,
      recordedAt: options.now(),
    });
    if (entry === null) return;
    if (proposalDoc !== null && item?.proposalId && item.outcome) {
      applyOutcomeToProposal(
        proposalDoc,
        spaceDoc,
        item.proposalId,
        item.outcome.outcome,
        item.outcome.at,
      );
    }
    recordDecision(spaceDoc, entry);
  };

  const start = (outcome: AppliedOutcome, spaceId: string, proposalId: string | null): void => {
    if (proposalId === null) {
      write(outcome, null);
      return;
    }
    const handle = options.openProposal(spaceId, proposalId);
    const stopListening: Array<() => void> = [];
    const finish = (): void => {
      stopListening.forEach((stop) => stop());
      handle.release();
      jobs.delete(outcome.eventId);
    };
    const check = (): void => {
      const present = readProposal(handle.doc) !== null;
      if (!present && handle.load() !== 'synced') return;
      finish();
      write(outcome, present ? handle.doc : null);
    };
    jobs.set(outcome.eventId, finish);
    stopListening.push(handle.onLoad(check));
    handle.doc.on('update', check);
    stopListening.push(() => handle.doc.off('update', check));
    check();
  };

  return {
    sync(state) {
      latest = state;
      const space = readSpace(spaceDoc);
      if (space === null || readMeeting(meetingDoc) === null) return;
      const pending = outcomesToRecord(state, readLog(meetingDoc), userId, (id) =>
        hasDecision(spaceDoc, id),
      );
      for (const outcome of pending) {
        if (jobs.has(outcome.eventId)) continue;
        start(outcome, space.id, findItem(state, outcome.itemId)?.proposalId ?? null);
      }
    },
    cancel() {
      for (const finish of [...jobs.values()]) finish();
    },
  };
}
