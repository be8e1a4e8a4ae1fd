/**
 * Where a dragged item lands, as the index `moveAgendaItem` expects (its
 * position among the other items): dropped on the item at `over`, before it
 * or `after` it.
 *
 * @example
 * dropIndex(0, 2, true); // [a b c d] dragging a after c → [b c a d]: 2
 */
export function dropIndex(from: number, over: number, after: boolean): number {
  const target = after ? over + 1 : over;
  return from < target ? target - 1 : target;
}
