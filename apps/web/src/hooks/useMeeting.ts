import { meetingFields, readMeeting, type MeetingInfo } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from './useYStore.ts';

/**
 * The meeting of a meeting document, or `null` until it has loaded.
 * Re-renders only when the meeting's own fields change (not on agenda edits).
 *
 * @example
 * const meeting = useMeeting(room.doc);
 * return <h1>{meeting?.title}</h1>;
 */
export function useMeeting(doc: Y.Doc): MeetingInfo | null {
  return useYStore(doc, meetingFields, readMeeting);
}
