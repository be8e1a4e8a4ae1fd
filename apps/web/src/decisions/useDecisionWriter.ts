import { listDecisions, readSpace, roomName, spaceDecisions, spaceFields } from '@ronde/domain';
import { useEffect, useMemo } from 'react';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';
import { serverNow } from '../process/serverTime.ts';
import { useMeetingState } from '../process/useMeetingState.ts';
import { openDoc } from '../sync/openDoc.ts';
import { createDecisionWriter, type OpenProposal } from './decisionWriter.ts';

/** Opens a proposal's room through the shared registry (DESIGN 2: one room per doc). */
export const openProposalRoom: OpenProposal = (spaceId, proposalId) => {
  const { room, release } = openDoc(roomName({ spaceId, kind: 'proposal', id: proposalId }));
  return { doc: room.doc, load: room.load, onLoad: room.onLoad, release };
};

const decisionCount = (doc: Y.Doc): number => listDecisions(doc).length;
const spaceLoaded = (doc: Y.Doc): boolean => readSpace(doc) !== null;

/**
 * While mounted, writes the decision-log entry of every outcome this user
 * recorded in the meeting and moves the proposal's status (SPEC DEC-2,
 * DEC-6); on load it also heals an entry missed by a crash. Never writes
 * for someone else's outcome. Safe under StrictMode: pending work is
 * cancelled with the effect and picked up again by the next one.
 *
 * @example
 * useDecisionWriter(meetingRoom.doc, spaceRoom.doc, meetingId, me.id);
 */
export function useDecisionWriter(
  meetingDoc: Y.Doc,
  spaceDoc: Y.Doc,
  meetingId: string,
  userId: string,
  openProposal: OpenProposal = openProposalRoom,
): void {
  const state = useMeetingState(meetingDoc);
  const recorded = useYStore(spaceDoc, spaceDecisions, decisionCount);
  const ready = useYStore(spaceDoc, spaceFields, spaceLoaded);
  const writer = useMemo(
    () =>
      createDecisionWriter({
        meetingDoc,
        spaceDoc,
        meetingId,
        userId,
        openProposal,
        now: serverNow,
      }),
    [meetingDoc, spaceDoc, meetingId, userId, openProposal],
  );
  useEffect(() => {
    // `recorded` and `ready` are triggers: an entry removed by another
    // replica, or the space arriving after the meeting, calls for a new look.
    writer.sync(state);
  }, [writer, state, recorded, ready]);
  useEffect(() => () => writer.cancel(), [writer]);
}
