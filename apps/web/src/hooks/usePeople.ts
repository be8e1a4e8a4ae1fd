import { listPeople, meetingPeople, type MeetingPerson } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from './useYStore.ts';

/**
 * The people of a meeting document in join order; the array keeps its
 * identity until someone joins, is renamed or changes role.
 *
 * @example
 * const people = usePeople(room.doc);
 * const me = people.find((p) => p.id === myId);
 */
export function usePeople(doc: Y.Doc): readonly MeetingPerson[] {
  return useYStore(doc, meetingPeople, listPeople);
}
