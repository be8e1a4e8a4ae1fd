import type { MeetingPerson } from '@ronde/domain';

/**
 * The default speaking order: the people taking part who are present (in
 * join order), then the others; with presence unknown (null), everyone.
 *
 * @example
 * defaultOrder(people, new Set(['ben'])); // ['ben', 'ana', …]
 */
export function defaultOrder(
  takingPart: readonly MeetingPerson[],
  present: ReadonlySet<string> | null,
): string[] {
  const ids = takingPart.map((p) => p.id);
  if (present === null) return ids;
  return [...ids.filter((id) => present.has(id)), ...ids.filter((id) => !present.has(id))];
}

/**
 * A hand-edited order brought up to date: people no longer taking part are
 * dropped, newcomers are appended in the default order.
 */
export function mergeOrder(edited: readonly string[], fallback: readonly string[]): string[] {
  const known = new Set(fallback);
  const kept = edited.filter((id) => known.has(id));
  const have = new Set(kept);
  return [...kept, ...fallback.filter((id) => !have.has(id))];
}

/** The order with the person at `index` moved one place earlier (-1) or later (+1). */
export function moveInOrder(order: readonly string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (index < 0 || to < 0 || to >= order.length) return [...order];
  const next = [...order];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved as string);
  return next;
}
