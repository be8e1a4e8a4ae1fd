import type * as Y from 'yjs';
import {
  governanceLog,
  parseGovernanceUnit,
  type GovernanceUnit,
} from '../governance/governanceLog.ts';
import type { AssignmentRecord } from '../governance/model.ts';
import { recordRoot } from '../governance/model.ts';
import { readAssignment, readCircle, readRole } from '../governance/readRecords.ts';
import { roleTerms } from '../ledger/roleTerms.ts';
import { readSpace } from '../space.ts';

/**
 * Who belongs to which circle, and when (SPEC TIME-12), read from the
 * governance records and their history so that a confirmation judged today
 * is judged as it stood when it was signed:
 * - the anchor circle's members are all the space's members;
 * - another circle's members are the people who filled a role of that
 *   circle or of any circle below it at that moment — elected roles
 *   (facilitator, secretary, representative) count like any role, so the
 *   representative a circle sends up belongs to the circle above too.
 */

/** One span during which a person filled a role. */
export interface RosterTerm {
  readonly roleId: string;
  readonly personId: string;
  readonly from: number;
  /** Exclusive end, `null` while it runs. */
  readonly until: number | null;
}

export interface CircleRoster {
  /** The space's anchor circle: every member of the space belongs to it. */
  readonly anchorId: string;
  /** Each circle ever known → its parent (`null` for the anchor). */
  readonly parents: Readonly<Record<string, string | null>>;
  /** Each role ever known → its circle. */
  readonly roleCircles: Readonly<Record<string, string>>;
  readonly terms: readonly RosterTerm[];
}

/**
 * A roster from governance units (the history) and the records as they
 * are: the records win, the history gives circles and roles since removed.
 *
 * @example
 * const roster = circleRosterFrom({ anchorId, units, circles, roles, assignments });
 */
export function circleRosterFrom(input: {
  readonly anchorId: string;
  readonly units: readonly GovernanceUnit[];
  readonly circles: readonly { readonly id: string; readonly parentId: string | null }[];
  readonly roles: readonly { readonly id: string; readonly circleId: string }[];
  readonly assignments: readonly AssignmentRecord[];
}): CircleRoster {
  const parents: Record<string, string | null> = {};
  const roleCircles: Record<string, string> = {};
  const applied = input.units
    .filter((u) => u.status === 'applied')
    .sort((a, b) => a.at - b.at || (a.decisionId < b.decisionId ? -1 : 1));
  for (const unit of applied) {
    for (const { change } of unit.changes) {
      if (change.type === 'circle.add') parents[change.circleId] = change.parentId;
      else if (change.type === 'role.add') roleCircles[change.roleId] = change.circleId;
      else if (change.type === 'record.amend' && typeof change.after === 'string') {
        if (change.record.kind === 'circle' && change.field === 'parentId') {
          parents[change.record.id] = change.after;
        } else if (change.record.kind === 'role' && change.field === 'circleId') {
          roleCircles[change.record.id] = change.after;
        }
      }
    }
  }
  for (const c of input.circles) parents[c.id] = c.parentId;
  for (const r of input.roles) roleCircles[r.id] = r.circleId;
  parents[input.anchorId] = null;
  const terms = roleTerms(input.units, input.assignments, {}).map((t) => ({
    roleId: t.roleId,
    personId: t.personId,
    from: t.from,
    until: t.until,
  }));
  return { anchorId: input.anchorId, parents, roleCircles, terms };
}

/**
 * The roster of a space document (its anchor, circles, roles, assignments
 * and governance history).
 *
 * @example
 * isCircleMember(circleRosterOf(spaceDoc), me, entry.circleId, Date.now());
 */
export function circleRosterOf(doc: Y.Doc): CircleRoster {
  const units: GovernanceUnit[] = [];
  governanceLog(doc).forEach((raw, key) => {
    const unit = parseGovernanceUnit(raw);
    if (unit !== null && unit.decisionId === key) units.push(unit);
  });
  const ids = (kind: 'circle' | 'role' | 'assignment') => [...recordRoot(doc, kind).keys()].sort();
  return circleRosterFrom({
    anchorId: readSpace(doc)?.defaultCircleId ?? '',
    units,
    circles: ids('circle').flatMap((id) => {
      const c = readCircle(doc, id);
      return c ? [{ id: c.id, parentId: c.parentId }] : [];
    }),
    roles: ids('role').flatMap((id) => {
      const r = readRole(doc, id);
      return r ? [{ id: r.id, circleId: r.circleId }] : [];
    }),
    assignments: ids('assignment').flatMap((id) => {
      const a = readAssignment(doc, id);
      return a ? [a] : [];
    }),
  });
}

/** Whether `inner` is `outer` or lies below it (a cycle ends the walk). */
export function isWithin(roster: CircleRoster, inner: string, outer: string): boolean {
  const seen = new Set<string>();
  let at: string | null | undefined = inner;
  while (typeof at === 'string' && !seen.has(at)) {
    if (at === outer) return true;
    seen.add(at);
    at = roster.parents[at];
  }
  return false;
}

/** Whether a circle is one the roster knows (now or from its history). */
export const isKnownCircle = (roster: CircleRoster, circleId: string): boolean =>
  circleId !== '' && Object.hasOwn(roster.parents, circleId);

/**
 * Whether someone belongs to a circle at a moment (SPEC TIME-12): anyone
 * for the anchor circle (the server checks that they are a member of the
 * space); for another circle, someone filling at `at` a role of that circle
 * or of a circle below it.
 *
 * @example
 * isCircleMember(roster, 'ana', 'circle2', event.at); // true
 */
export function isCircleMember(
  roster: CircleRoster,
  personId: string,
  circleId: string,
  at: number,
): boolean {
  if (circleId === roster.anchorId) return true;
  if (!isKnownCircle(roster, circleId)) return false;
  return roster.terms.some(
    (t) =>
      t.personId === personId &&
      t.from <= at &&
      (t.until === null || at < t.until) &&
      isWithin(roster, roster.roleCircles[t.roleId] ?? '', circleId),
  );
}

/**
 * The people who belong to a circle at a moment, in code-unit order, or
 * `'everyone'` for the anchor circle (SPEC TIME-12).
 *
 * @example
 * circleMembersAt(roster, 'circle2', Date.now()); // ['ana', 'ben']
 */
export function circleMembersAt(
  roster: CircleRoster,
  circleId: string,
  at: number,
): readonly string[] | 'everyone' {
  if (circleId === roster.anchorId) return 'everyone';
  const people = new Set<string>();
  for (const t of roster.terms) {
    if (isCircleMember(roster, t.personId, circleId, at)) people.add(t.personId);
  }
  return [...people].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
