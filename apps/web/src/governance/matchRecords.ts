import type { CircleNode } from '@ronde/domain';
import type { GovernanceView } from './useGovernance.ts';

/** Lower case without accents, so "role" finds "Rôle" and "RÔLE". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether every word of the query is somewhere in the texts. */
export function matches(query: string, texts: readonly string[]): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const haystack = fold(texts.join('\n'));
  return words.every((w) => haystack.includes(w));
}

/**
 * The ids of the circles, roles and policies a search shows: each record
 * whose own words match (a role with the names of who fills it), and every
 * circle on the way to one; everything when the query is blank.
 *
 * @example
 * visibleRecords(view, 'treasurer', names).has(roleId); // true
 */
export function visibleRecords(
  view: GovernanceView,
  query: string,
  names: Readonly<Record<string, string>>,
): ReadonlySet<string> | null {
  if (query.trim() === '') return null;
  const shown = new Set<string>();
  const visit = (node: CircleNode): boolean => {
    const { circle } = node;
    let any = false;
    for (const role of view.roles[circle.id] ?? []) {
      const people = (view.assignments[role.id] ?? []).flatMap((a) => [
        names[a.personId] ?? '',
        a.focus,
      ]);
      const texts = [role.name, role.purpose, ...people];
      for (const e of [...role.accountabilities, ...role.domains]) texts.push(e.text);
      if (matches(query, texts)) {
        shown.add(role.id);
        any = true;
      }
    }
    for (const policy of view.policies[circle.id] ?? []) {
      if (matches(query, [policy.title, policy.text])) {
        shown.add(policy.id);
        any = true;
      }
    }
    for (const child of node.children) any = visit(child) || any;
    const own = [circle.name, circle.purpose];
    for (const e of [...circle.accountabilities, ...circle.domains]) own.push(e.text);
    if (matches(query, own)) {
      // A circle that matches shows all it holds.
      for (const r of view.roles[circle.id] ?? []) shown.add(r.id);
      for (const p of view.policies[circle.id] ?? []) shown.add(p.id);
      any = true;
    }
    if (any) shown.add(circle.id);
    return any;
  };
  view.tree.forEach(visit);
  return shown;
}
