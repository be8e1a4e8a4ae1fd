import { compareIds } from '../space.ts';

/**
 * Orders names the same way on every replica, whatever its locale (SPEC
 * GOV-3): first without accents and case (`é` as `e`, `A` as `a`), in
 * code-unit order; then the names as written, in code-unit order. Callers
 * break a remaining tie by id.
 *
 * @example
 * ['zèbre', 'Écoute', 'abc'].sort(compareNames); // ['abc', 'Écoute', 'zèbre']
 */
export function compareNames(a: string, b: string): number {
  return compareIds(foldName(a), foldName(b)) || compareIds(a, b);
}

function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
