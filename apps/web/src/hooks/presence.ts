/** One person present in a document. */
export interface PresentPerson {
  readonly userId: string;
  readonly name: string;
  readonly color: string;
  /** Whether this is the person using this device. */
  readonly isSelf: boolean;
}

interface AwarenessUser {
  readonly id?: unknown;
  readonly name?: unknown;
  readonly color?: unknown;
}

/**
 * The people present, from awareness states (`{ user: { id, name, color } }`):
 * one entry per user id even with several tabs open, self first, then by
 * name. States without a user (not yet announced) are skipped.
 *
 * @example
 * presentPeople(awareness.getStates(), 'me123456');
 */
export function presentPeople(
  states: ReadonlyMap<number, Record<string, unknown>>,
  selfUserId: string,
): PresentPerson[] {
  const byUser = new Map<string, PresentPerson>();
  const clientIds = [...states.keys()].sort((a, b) => a - b);
  for (const clientId of clientIds) {
    const user = states.get(clientId)?.user as AwarenessUser | undefined;
    if (!user || typeof user.id !== 'string' || byUser.has(user.id)) continue;
    byUser.set(user.id, {
      userId: user.id,
      name: typeof user.name === 'string' && user.name.trim() ? user.name : '?',
      color: typeof user.color === 'string' ? user.color : '#6b6257',
      isSelf: user.id === selfUserId,
    });
  }
  return [...byUser.values()].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name),
  );
}
