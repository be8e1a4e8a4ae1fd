import type * as Y from 'yjs';
import type { MeetingEvent } from './events.ts';

/** The name of the meeting document's process log array. */
export const MEETING_LOG = 'log';

/**
 * The meeting document's process log. Entries are plain JSON; any value may
 * be found there (an old client, a bad actor), so read it through
 * `foldMeeting`, which checks every entry.
 *
 * @example
 * meetingLog(doc).observe(() => render(foldMeeting(readLog(doc), context)));
 */
export function meetingLog(doc: Y.Doc): Y.Array<MeetingEvent> {
  return doc.getArray<MeetingEvent>(MEETING_LOG);
}

/**
 * Appends one event; the fold decides whether it applies. Events are never
 * edited or deleted (SPEC MEET-1).
 *
 * @example
 * appendEvent(doc, nextStep(state, me, serverNow()));
 */
export function appendEvent(doc: Y.Doc, event: MeetingEvent): void {
  meetingLog(doc).push([event]);
}

/** Every log entry in merged order, unchecked. */
export function readLog(doc: Y.Doc): unknown[] {
  return meetingLog(doc).toArray();
}
