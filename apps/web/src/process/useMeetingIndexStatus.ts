import { spaceMeetings, updateMeetingSummary, type MeetingState } from '@ronde/domain';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { useMeetings } from '../hooks/useMeetings.ts';

/**
 * Keeps the space's meetings index status current from this device's own
 * acts: the facilitator who started the meeting lists it live, the one who
 * ended it lists it ended (the index ignores a stale patch, MDOC-7).
 *
 * @example
 * useMeetingIndexStatus(spaceDoc, meetingId, state, me.id);
 */
export function useMeetingIndexStatus(
  spaceDoc: Y.Doc,
  meetingId: string,
  state: MeetingState,
  me: string,
): void {
  // Re-run once the space doc has loaded the index entry.
  const meetings = useMeetings(spaceDoc);
  useEffect(() => {
    if (!spaceMeetings(spaceDoc).has(meetingId)) return;
    const applied = state.results.filter((r) => r.status === 'applied');
    const start = applied.find((r) => r.type === 'meeting.start');
    if (start && start.by === me && start.at !== null) {
      updateMeetingSummary(spaceDoc, meetingId, { status: 'live', updatedAt: start.at });
    }
    const last = applied.at(-1);
    if (state.phase === 'ended' && last && last.by === me && last.at !== null) {
      updateMeetingSummary(spaceDoc, meetingId, { status: 'ended', updatedAt: last.at });
    }
  }, [spaceDoc, meetingId, state, me, meetings]);
}
