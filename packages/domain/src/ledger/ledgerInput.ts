import type * as Y from 'yjs';
import { listDecisions } from '../decisions/decisionLog.ts';
import { listParticipation } from '../decisions/participation.ts';
import { readGovernanceUnit } from '../governance/governanceLog.ts';
import { recordRoot } from '../governance/model.ts';
import { readAssignment, readRole } from '../governance/readRecords.ts';
import { listProposals } from '../space.ts';
import { listTensions } from '../tensions/tensions.ts';
import type { LedgerInput, RoleTerm, WrittenText } from './ledger.ts';

/**
 * The ledger's input from a space document (SPEC LEDGER-2): its decisions,
 * participation, tensions, role assignments and proposal titles, plus the
 * text written per proposal that the server attests (`written`). A term
 * ends at the end of its last day (`termEnd`, UTC), or is still held.
 *
 * @example
 * deriveLedger(ledgerInputOf(spaceDoc, await fetchWritten(), Date.now()));
 */
export function ledgerInputOf(
  doc: Y.Doc,
  written: readonly WrittenText[],
  now: number,
): LedgerInput {
  const decisions = listDecisions(doc);
  const recordsChanged: Record<string, number> = {};
  for (const entry of decisions) {
    const unit = readGovernanceUnit(doc, entry.id);
    if (unit?.status === 'applied') recordsChanged[entry.id] = unit.changes.length;
  }
  const roles: RoleTerm[] = [];
  for (const id of [...recordRoot(doc, 'assignment').keys()].sort()) {
    const assignment = readAssignment(doc, id);
    if (assignment === null) continue;
    const end =
      assignment.termEnd === null ? NaN : Date.parse(`${assignment.termEnd}T23:59:59.999Z`);
    roles.push({
      assignmentId: id,
      roleId: assignment.roleId,
      roleName: readRole(doc, assignment.roleId)?.name ?? '',
      personId: assignment.personId,
      from: assignment.createdAt,
      until: Number.isFinite(end) ? end : null,
    });
  }
  return {
    decisions,
    participation: listParticipation(doc),
    tensions: listTensions(doc),
    roles,
    proposalTitles: Object.fromEntries(listProposals(doc).map((p) => [p.id, p.title])),
    written,
    recordsChanged,
    now,
  };
}
