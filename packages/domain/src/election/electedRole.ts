import type * as Y from 'yjs';
import { conflict, type Conflict } from '../governance/conflict.ts';
import { readRole } from '../governance/readRecords.ts';
import type { ElectionTarget } from './target.ts';

/**
 * Why an election may not fill its role, judged against the governance
 * records when its outcome is applied (SPEC ELECT-10): a role that is not
 * elected, or not in the circle the item names, is a `not-elected`
 * conflict of the change that would fill it. A role that is gone is left
 * to the plan (`missing`, GOV-8). The meeting's fold cannot judge this (it
 * reads the meeting document only), so the records are checked here, by
 * whoever applies the outcome: the server (ELECTSRV-5).
 *
 * @example
 * applyChanges(spaceDoc, changes, provenance, electedRoleConflicts(spaceDoc, target, fillId));
 */
export function electedRoleConflicts(
  doc: Y.Doc,
  target: Pick<ElectionTarget, 'circleId' | 'roleId'>,
  changeId: string,
): Conflict[] {
  const role = readRole(doc, target.roleId);
  if (role === null) return [];
  if (role.elected && role.circleId === target.circleId) return [];
  return [conflict(changeId, 'not-elected', { kind: 'role', id: target.roleId })];
}
