import type * as Y from 'yjs';
import { listDecisions } from '../decisions/decisionLog.ts';
import { listParticipation } from '../decisions/participation.ts';
import {
  governanceLog,
  parseGovernanceUnit,
  readGovernanceUnit,
  type GovernanceUnit,
} from '../governance/governanceLog.ts';
import { recordRoot, type AssignmentRecord } from '../governance/model.ts';
import { readAssignment, readRole } from '../governance/readRecords.ts';
import { listProposals } from '../space.ts';
import { listTensions } from '../tensions/tensions.ts';
import type { LedgerInput, WrittenText } from './ledger.ts';
import { roleTerms } from './roleTerms.ts';

/**
 * The ledger's input from a space document (SPEC LEDGER-2): its decisions,
 * participation, tensions, the spans roles were filled (from the governance
 * history, LEDGER-7) and proposal titles, plus the text written per
 * proposal that the server attests (`written`).
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
  const units: GovernanceUnit[] = [];
  governanceLog(doc).forEach((raw, key) => {
    const unit = parseGovernanceUnit(raw);
    if (unit !== null && unit.decisionId === key) units.push(unit);
  });
  const current: AssignmentRecord[] = [];
  for (const id of [...recordRoot(doc, 'assignment').keys()].sort()) {
    const assignment = readAssignment(doc, id);
    if (assignment !== null) current.push(assignment);
  }
  const roleNames: Record<string, string> = {};
  for (const id of recordRoot(doc, 'role').keys()) {
    const role = readRole(doc, id);
    if (role !== null) roleNames[id] = role.name;
  }
  const roles = roleTerms(units, current, roleNames);
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
