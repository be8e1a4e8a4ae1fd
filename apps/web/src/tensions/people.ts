import type { Action, Tension } from '@ronde/domain';

/** Someone the backlog can name: an id and the name last seen for it. */
export interface KnownPerson {
  readonly id: string;
  readonly name: string;
}

/**
 * The people a backlog can offer as owners, by name: oneself first, then
 * everyone the space's records name (decisions, tensions' authors, actions'
 * owners, a meeting's people). The space has no member directory its
 * members may read, so these are the names it has seen.
 *
 * @example
 * knownPeople(me, [decisionNames], tensions, actions);
 */
export function knownPeople(
  me: KnownPerson,
  named: readonly Readonly<Record<string, string>>[],
  tensions: readonly Tension[],
  actions: readonly Action[],
): KnownPerson[] {
  const byId = new Map<string, string>();
  const add = (id: string, name: string) => {
    if (name.trim() !== '' && !byId.has(id)) byId.set(id, name);
  };
  for (const names of named) for (const [id, name] of Object.entries(names)) add(id, name);
  for (const tension of tensions) add(tension.by, tension.byName);
  for (const action of actions) add(action.ownerId, action.ownerName);
  byId.delete(me.id);
  const others = [...byId].map(([id, name]) => ({ id, name }));
  others.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  return [me, ...others];
}

/** A person's name as the backlog knows it, else `fallback`. */
export function nameOf(people: readonly KnownPerson[], id: string, fallback: string): string {
  return people.find((p) => p.id === id)?.name ?? fallback;
}
