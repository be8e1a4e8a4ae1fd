import { listMeetings, spaceMeetings, type MeetingGroups } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from './useYStore.ts';

/**
 * The meetings of a space document, grouped live / upcoming / ended. Keeps
 * its identity until the index changes.
 *
 * @example
 * const { live, upcoming, ended } = useMeetings(room.doc);
 */
export function useMeetings(doc: Y.Doc): MeetingGroups {
  return useYStore(doc, spaceMeetings, listMeetings);
}
