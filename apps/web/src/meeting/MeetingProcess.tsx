import { roomName } from '@ronde/domain';
import { useEffect, useMemo, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { useMeeting } from '../hooks/useMeeting.ts';
import { usePresence } from '../hooks/usePresence.ts';
import { ProcessView } from '../process/ProcessView.tsx';
import { makeProposalRoom } from '../process/ProposalRoom.tsx';
import { useIdentity } from '../state/useIdentity.ts';
import { useRoom } from '../sync/useRoom.ts';

/**
 * The meeting's live process (rounds, steps, positions), built on the
 * process log: wires the rooms (presence, the space index, the proposals)
 * around `ProcessView`. `tools` go in the facilitator's drawer and `side`
 * in the side column while the meeting runs (see `ProcessView`).
 */
export function MeetingProcess({
  doc,
  readOnly = false,
  tools = null,
  side = null,
}: {
  doc: Y.Doc;
  readOnly?: boolean;
  tools?: ReactNode;
  side?: ReactNode;
}) {
  const meeting = useMeeting(doc);
  if (meeting === null) return null;
  return (
    <ConnectedProcess
      doc={doc}
      spaceId={meeting.spaceId}
      meetingId={meeting.id}
      readOnly={readOnly}
      tools={tools}
      side={side}
    />
  );
}

function ConnectedProcess({
  doc,
  spaceId,
  meetingId,
  readOnly,
  tools,
  side,
}: {
  doc: Y.Doc;
  spaceId: string;
  meetingId: string;
  readOnly: boolean;
  tools: ReactNode;
  side: ReactNode;
}) {
  const me = useIdentity(spaceId);
  const room = useRoom(roomName({ spaceId, kind: 'meeting', id: meetingId }));
  // Announce myself in the meeting room, so facilitators can order rounds by presence.
  useEffect(() => {
    room.provider.awareness.setLocalStateField('user', me);
  }, [room.provider, me]);
  const presence = usePresence(room.provider.awareness, me.id);
  const present = useMemo(
    () => (presence.length > 0 ? new Set(presence.map((p) => p.userId)) : null),
    [presence],
  );
  const ProposalSlot = useMemo(() => makeProposalRoom(spaceId), [spaceId]);
  return (
    <ProcessView
      doc={doc}
      me={me.id}
      present={present}
      ProposalSlot={ProposalSlot}
      readOnly={readOnly}
      tools={tools}
      side={side}
    />
  );
}
