import type { Action, Tension } from '@ronde/domain';
import type { SpacePerson } from '../api/trust.ts';

/** Someone by id, with the name to show for them. */
export interface Person {
  readonly id: string;
  readonly name: string;
}

/** Someone the backlog can name: an id, a name, and where that name comes from. */
export interface KnownPerson extends Person {
  /**
   * The space's directory lists this person (a current member), and `name`
   * is their registered name there (`""` when they have none). Only such a
   * name may be written as an action's owner's (server NAME-6); otherwise
   * `name` is what the records last said, a claim, never to be written.
   */
  readonly listed: boolean;
}

const byName = (a: KnownPerson, b: KnownPerson) =>
  // The unnamed after the named; ties by id, so the order never depends on the input's.
  Number(a.name === '') - Number(b.name === '') ||
  a.name.localeCompare(b.name) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The people a backlog can offer as owners: oneself first, then every
 * current member the space's directory lists, by their registered name, then
 * the people the space's records name who are not listed (former members, or
 * everyone while the directory is not loaded: `directory` null), by the name
 * the records last gave (decisions, tensions' authors, actions' owners, a
 * meeting's people). The directory's name wins over a recorded one.
 *
 * @example
 * knownPeople(me, directory.people, [decisionNames], tensions, actions);
 */
export function knownPeople(
  me: Person,
  directory: readonly SpacePerson[] | null,
  named: readonly Readonly<Record<string, string>>[],
  tensions: readonly Tension[],
  actions: readonly Action[],
): KnownPerson[] {
  const listed = new Map<string, KnownPerson>();
  for (const p of directory ?? [])
    listed.set(p.userId, { id: p.userId, name: p.name, listed: true });
  const recorded = new Map<string, KnownPerson>();
  const add = (id: string, name: string) => {
    if (name.trim() !== '' && !listed.has(id) && !recorded.has(id))
      recorded.set(id, { id, name, listed: false });
  };
  for (const names of named) for (const [id, name] of Object.entries(names)) add(id, name);
  for (const tension of tensions) add(tension.by, tension.byName);
  for (const action of actions) add(action.ownerId, action.ownerName);
  const self = listed.get(me.id) ?? { id: me.id, name: me.name, listed: false };
  listed.delete(me.id);
  recorded.delete(me.id);
  return [self, ...[...listed.values()].sort(byName), ...[...recorded.values()].sort(byName)];
}

/** A person's name as the backlog knows it, else `fallback` (also for someone unnamed). */
export function nameOf(people: readonly KnownPerson[], id: string, fallback: string): string {
  return people.find((p) => p.id === id)?.name || fallback;
}

/**
 * The name an action may record for its owner: the directory's, or `""`
 * (shown as "someone") when the directory does not list them or is not
 * loaded. Any other name would be refused by the server (NAME-6).
 *
 * @example
 * addAction(doc, { …, ownerId, ownerName: ownerNameToWrite(people, ownerId) });
 */
export function ownerNameToWrite(people: readonly KnownPerson[], id: string): string {
  const person = people.find((p) => p.id === id);
  return person?.listed ? person.name : '';
}
