/**
 * Fractional ordering for lists edited concurrently: each element carries a
 * number, the list is sorted by it (ties by id), and a move rewrites only
 * the moved element's number (SPEC AGENDA-5, AGENDA-6).
 */

/** A number strictly between `before` and `after` (either may be absent), or `null` if there is none. */
export function orderBetween(before: number | undefined, after: number | undefined): number | null {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return (after as number) - 1;
  if (after === undefined) return before + 1;
  const middle = before + (after - before) / 2;
  return middle > before && middle < after ? middle : null;
}
