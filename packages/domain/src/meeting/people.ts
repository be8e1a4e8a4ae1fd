import type * as Y from 'yjs';
import { compareIds } from '../space.ts';
import { MEETING_ROLES, type MeetingPerson, type MeetingRole } from './types.ts';
import { mapOf, num, oneOf, setChanged, str } from '../fields.ts';

export const PERSON_NAME_MAX = 60;

/** The meeting's people by user id. Observe it deeply to follow joins and roles. */
export function meetingPeople(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('people');
}

export interface JoinInput {
  readonly id: string;
  readonly name: string;
  /** The role of someone new; ignored for someone already present. Default: participant. */
  readonly role?: MeetingRole;
  readonly now: number;
}

/**
 * Adds a person to the meeting, or refreshes their name (SPEC MDOC-3: joining
 * is idempotent; someone already present keeps their role and first join
 * time). Returns the person as stored.
 *
 * @example
 * joinMeeting(doc, { id: me.id, name: me.name, role: 'facilitator', now: Date.now() });
 */
export function joinMeeting(doc: Y.Doc, input: JoinInput): MeetingPerson {
  if (!input.id) throw new RangeError('a person needs an id');
  const name = input.name.trim().replace(/\s+/g, ' ').slice(0, PERSON_NAME_MAX);
  const people = meetingPeople(doc);
  const existing = people.get(input.id);
  if (existing) {
    if (name) setChanged(existing, { name });
    return readPerson(input.id, existing);
  }
  const person: MeetingPerson = {
    id: input.id,
    name,
    role: input.role ?? 'participant',
    joinedAt: input.now,
  };
  people.set(input.id, mapOf({ ...person }));
  return person;
}

/**
 * Gives someone present another role (SPEC MDOC-4: a meeting keeps at least
 * one facilitator; demoting the last one throws).
 *
 * @example
 * setPersonRole(doc, userId, 'observer');
 */
export function setPersonRole(doc: Y.Doc, id: string, role: MeetingRole): void {
  if (!(MEETING_ROLES as readonly string[]).includes(role)) {
    throw new RangeError(`unknown role ${role}`);
  }
  const entry = meetingPeople(doc).get(id);
  if (!entry) throw new Error(`${id} is not in this meeting`);
  if (entry.get('role') === role) return;
  if (role !== 'facilitator' && entry.get('role') === 'facilitator') {
    const facilitators = listPeople(doc).filter((p) => p.role === 'facilitator');
    if (facilitators.length <= 1) throw new Error('a meeting needs at least one facilitator');
  }
  entry.set('role', role);
}

/**
 * The meeting's people in the order they joined, ties broken by id (SPEC
 * MDOC-5), the same on every replica whatever its locale.
 *
 * @example
 * listPeople(doc).map((p) => `${p.name} (${p.role})`);
 */
export function listPeople(doc: Y.Doc): MeetingPerson[] {
  const list: MeetingPerson[] = [];
  meetingPeople(doc).forEach((entry, id) => list.push(readPerson(id, entry)));
  return list.sort((a, b) => a.joinedAt - b.joinedAt || compareIds(a.id, b.id));
}

function readPerson(id: string, entry: Y.Map<unknown>): MeetingPerson {
  return {
    id,
    name: str(entry.get('name')),
    role: oneOf(MEETING_ROLES, entry.get('role'), 'participant'),
    joinedAt: num(entry.get('joinedAt')),
  };
}
