import { meetingFields, readMeeting, roomName, spaceRoom } from '@ronde/domain';
import { useProposalMeta } from '../hooks/useProposalMeta.ts';
import { useYStore } from '../hooks/useYStore.ts';
import { useRoom } from '../sync/useRoom.ts';
import type * as Y from 'yjs';
import { MeetingChangesView } from './MeetingChangesView.tsx';

function meetingSpaceId(doc: Y.Doc): string {
  return readMeeting(doc)?.spaceId ?? '';
}

/**
 * In a meeting, the current proposal's structured changes and, before the
 * objection or consent round, any conflict they would meet with the records
 * as they are now (SPEC GOV-8), with what to amend. Opens the space and
 * proposal rooms itself; mount it where the proposal is shown.
 *
 * @example
 * <MeetingChanges meetingDoc={model.doc} proposalId={item.proposalId} mayAmend={mayAmend} />
 */
export function MeetingChanges({
  meetingDoc,
  proposalId,
  mayAmend,
}: {
  meetingDoc: Y.Doc;
  proposalId: string;
  /** Whether this person may amend the proposal now (AMEND-1, server WRITE-8). */
  mayAmend: boolean;
}) {
  const spaceId = useYStore(meetingDoc, meetingFields, meetingSpaceId);
  if (spaceId === '') return null;
  return <Rooms spaceId={spaceId} proposalId={proposalId} mayAmend={mayAmend} />;
}

function Rooms({
  spaceId,
  proposalId,
  mayAmend,
}: {
  spaceId: string;
  proposalId: string;
  mayAmend: boolean;
}) {
  const space = useRoom(spaceRoom(spaceId));
  const proposal = useRoom(roomName({ spaceId, kind: 'proposal', id: proposalId }));
  const meta = useProposalMeta(proposal.doc);
  // Once decided the changes are applied (or logged as a conflict): nothing is left to amend.
  if (meta === null || (meta.status !== 'draft' && meta.status !== 'in-consent')) return null;
  return (
    <MeetingChangesView
      spaceDoc={space.doc}
      proposalDoc={proposal.doc}
      proposalUrl={`/s/${spaceId}/p/${proposalId}`}
      mayAmend={mayAmend}
    />
  );
}
