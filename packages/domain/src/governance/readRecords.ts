import type * as Y from 'yjs';
import { compareIds, readSpace } from '../space.ts';
import {
  decodeAssignment,
  decodeCircle,
  decodePolicy,
  decodeRole,
  rawOf,
  type RawRecord,
} from './decodeRecord.ts';
import { compareNames } from './nameOrder.ts';
import {
  recordRoot,
  type AssignmentRecord,
  type CircleRecord,
  type PolicyRecord,
  type RecordKind,
  type RoleRecord,
} from './model.ts';

/** A circle and the circles under it, for the governance page. */
export interface CircleNode {
  readonly circle: CircleRecord;
  readonly children: readonly CircleNode[];
}

function each<T>(doc: Y.Doc, kind: RecordKind, decode: (id: string, raw: RawRecord) => T): T[] {
  const out: T[] = [];
  recordRoot(doc, kind).forEach((value, id) => {
    const raw = rawOf(value);
    if (raw !== null) out.push(decode(id, raw));
  });
  return out;
}

function one<T>(
  doc: Y.Doc,
  kind: RecordKind,
  id: string,
  decode: (id: string, raw: RawRecord) => T,
): T | null {
  const raw = rawOf(recordRoot(doc, kind).get(id));
  return raw === null ? null : decode(id, raw);
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  compareNames(a.name, b.name) || compareIds(a.id, b.id);

/**
 * One circle with its fields, versions, domains and accountabilities, or
 * `null` when there is none (or the stored value is not a record).
 *
 * @example
 * readCircle(spaceDoc, circleId)?.accountabilities.map((a) => a.text);
 */
export function readCircle(doc: Y.Doc, id: string): CircleRecord | null {
  return one(doc, 'circle', id, decodeCircle);
}

/** One role, or `null`. @example readRole(spaceDoc, roleId)?.elected; */
export function readRole(doc: Y.Doc, id: string): RoleRecord | null {
  return one(doc, 'role', id, decodeRole);
}

/** One policy, or `null`. @example readPolicy(spaceDoc, policyId)?.text; */
export function readPolicy(doc: Y.Doc, id: string): PolicyRecord | null {
  return one(doc, 'policy', id, decodePolicy);
}

/** One role assignment, or `null`. @example readAssignment(spaceDoc, id)?.termEnd; */
export function readAssignment(doc: Y.Doc, id: string): AssignmentRecord | null {
  return one(doc, 'assignment', id, decodeAssignment);
}

/**
 * Every circle as a full record, by name then id (SPEC GOV-3).
 *
 * @example
 * listCircleRecords(spaceDoc).map((c) => c.name);
 */
export function listCircleRecords(doc: Y.Doc): CircleRecord[] {
  return each(doc, 'circle', decodeCircle).sort(byName);
}

/**
 * The circle tree (SPEC GOV-4). Roots: the space's anchor circle first, then
 * any circle whose parent is missing, by name then id. A circle sits under
 * its parent; in a cycle of parents (only hand-written data has one) the
 * circle with the smallest id becomes a root, so every circle appears
 * exactly once. Children by name then id.
 *
 * @example
 * circleTree(spaceDoc)[0]?.children.map((n) => n.circle.name);
 */
export function circleTree(doc: Y.Doc): CircleNode[] {
  const circles = listCircleRecords(doc);
  const byId = new Map(circles.map((c) => [c.id, c]));
  const parentOf = (c: CircleRecord): string | null =>
    c.parentId !== null && c.parentId !== c.id && byId.has(c.parentId) ? c.parentId : null;
  const roots = new Set<string>();
  for (const circle of circles) {
    // Walk up; a walk that comes back on itself found a cycle.
    const seen: string[] = [];
    let at: CircleRecord | undefined = circle;
    while (at !== undefined && !seen.includes(at.id)) {
      seen.push(at.id);
      const parent = parentOf(at);
      if (parent === null) {
        roots.add(at.id);
        break;
      }
      at = byId.get(parent);
    }
    if (at !== undefined && seen.includes(at.id) && parentOf(at) !== null) {
      const cycle = seen.slice(seen.indexOf(at.id));
      roots.add(cycle.sort(compareIds)[0]!);
    }
  }
  const children = new Map<string, CircleRecord[]>();
  for (const circle of circles) {
    const parent = parentOf(circle);
    if (roots.has(circle.id) || parent === null) continue;
    children.set(parent, [...(children.get(parent) ?? []), circle]);
  }
  const build = (circle: CircleRecord): CircleNode => ({
    circle,
    children: (children.get(circle.id) ?? []).map(build),
  });
  const anchor = readSpace(doc)?.defaultCircleId;
  return circles
    .filter((c) => roots.has(c.id))
    .sort((a, b) => Number(b.id === anchor) - Number(a.id === anchor) || byName(a, b))
    .map(build);
}

/**
 * The roles of a circle: elected roles first, then by name, then id (SPEC GOV-3).
 *
 * @example
 * rolesOf(spaceDoc, circleId).filter((r) => r.elected); // facilitator, secretary…
 */
export function rolesOf(doc: Y.Doc, circleId: string): RoleRecord[] {
  return each(doc, 'role', decodeRole)
    .filter((role) => role.circleId === circleId)
    .sort((a, b) => Number(b.elected) - Number(a.elected) || byName(a, b));
}

/**
 * The policies of a circle, by title then id (SPEC GOV-3).
 *
 * @example
 * policiesOf(spaceDoc, circleId).map((p) => p.title);
 */
export function policiesOf(doc: Y.Doc, circleId: string): PolicyRecord[] {
  return each(doc, 'policy', decodePolicy)
    .filter((policy) => policy.circleId === circleId)
    .sort((a, b) => compareNames(a.title, b.title) || compareIds(a.id, b.id));
}

const byCreation = (a: AssignmentRecord, b: AssignmentRecord): number =>
  a.createdAt - b.createdAt || compareIds(a.id, b.id);

/**
 * Who fills a role: earliest assignment first, ties by id (SPEC GOV-3).
 *
 * @example
 * assignmentsOf(spaceDoc, roleId).map((a) => [a.personId, a.termEnd]);
 */
export function assignmentsOf(doc: Y.Doc, roleId: string): AssignmentRecord[] {
  return each(doc, 'assignment', decodeAssignment)
    .filter((a) => a.roleId === roleId)
    .sort(byCreation);
}

/**
 * The roles a person fills, earliest assignment first, ties by id.
 *
 * @example
 * assignmentsOfPerson(spaceDoc, userId).map((a) => a.roleId);
 */
export function assignmentsOfPerson(doc: Y.Doc, personId: string): AssignmentRecord[] {
  return each(doc, 'assignment', decodeAssignment)
    .filter((a) => a.personId === personId)
    .sort(byCreation);
}
