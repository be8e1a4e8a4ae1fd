import type { MeetingPerson } from '@ronde/domain';
import type { PresentPerson } from '../hooks/presence.ts';

/**
 * The people present in the meeting room whom the meeting's people do not
 * list: observers, who never write the meeting document (server WRITE-14),
 * so presence is how the others see who is watching. Listed as observers
 * while they are present; in presence order (self first, then by name).
 *
 * @example
 * watchers(listPeople(doc), usePresence(awareness, me.id)); // [{ userId: 'obs1', … }]
 */
export function watchers(
  people: readonly MeetingPerson[],
  present: readonly PresentPerson[],
): PresentPerson[] {
  const listed = new Set(people.map((p) => p.id));
  return present.filter((p) => !listed.has(p.userId));
}
