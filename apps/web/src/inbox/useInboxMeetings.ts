import { inboxMeetingIds, roomName, spaceMeetings, type InboxMeeting } from '@ronde/domain';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';
import { meetingStateStore } from '../process/useMeetingState.ts';
import { openDoc } from '../sync/openDoc.ts';
import { verifierFor } from '../sync/logVerifier.ts';

const NONE: readonly InboxMeeting[] = [];

/**
 * The live meetings the inbox reads for elections (domain INBOX-6): the
 * space index's live meetings, at most `INBOX_MEETINGS_MAX`, each opened
 * (shared with any screen that has it open) and folded over its verified
 * log; released when they leave the list or the page goes.
 *
 * @example
 * const meetings = useInboxMeetings(spaceDoc, spaceId);
 */
export function useInboxMeetings(spaceDoc: Y.Doc, spaceId: string): readonly InboxMeeting[] {
  const ids = useYStore(spaceDoc, spaceMeetings, inboxMeetingIds);
  const [meetings, setMeetings] = useState<readonly InboxMeeting[]>(NONE);
  useEffect(() => {
    if (ids.length === 0) {
      setMeetings(NONE);
      return;
    }
    const opened = ids.map((id) => {
      const { room, release } = openDoc(roomName({ spaceId, kind: 'meeting', id }));
      return { id, release, store: meetingStateStore(room.doc, verifierFor(room.doc)) };
    });
    const update = (): void =>
      setMeetings(opened.map((o) => ({ id: o.id, state: o.store.getSnapshot() })));
    const stops = opened.map((o) => o.store.subscribe(update));
    update();
    return () => {
      stops.forEach((stop) => stop());
      opened.forEach((o) => o.release());
    };
  }, [spaceId, ids]);
  return meetings;
}
