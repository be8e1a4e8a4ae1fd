import {
  applyChanges,
  assignmentsOf,
  electedRoleConflicts,
  readCircle,
  readGovernanceUnit,
  readRole,
  type GovernanceChange,
} from '@ronde/domain';
import type * as Y from 'yjs';
import type { EntryWithGovernance } from './governanceConsequences.ts';

/** Who was elected, as the changes say it: the server's own changes carry the decision's id. */
const SERVER_AUTHOR = 'server';

/** The id of the change that fills the role: the decision's, so a repeated run plans the same. */
const fillId = (entry: EntryWithGovernance): string => `${entry.id}-fill`;

/**
 * The governance changes an adopted election makes (SPEC ELECTSRV-1): the
 * role's current assignments end, and the person elected fills it with the
 * proposal's focus and term end. Ids are the decision's, so a repeated run
 * plans the very same changes.
 */
function electionChanges(
  spaceDoc: Y.Doc,
  entry: EntryWithGovernance,
  personId: string,
): GovernanceChange[] {
  const election = entry.election!;
  const at = entry.decidedAt;
  const ending: GovernanceChange[] = assignmentsOf(spaceDoc, election.roleId).map((a, i) => ({
    id: `${entry.id}-end${i}`,
    by: SERVER_AUTHOR,
    at,
    type: 'person.unassign',
    assignmentId: a.id,
    version: a.version,
  }));
  return [
    ...ending,
    {
      id: fillId(entry),
      by: SERVER_AUTHOR,
      at,
      type: 'person.assign',
      assignmentId: `${entry.id}-as`,
      roleId: election.roleId,
      personId,
      focus: election.focus,
      termEnd: election.termEnd,
    },
  ];
}

/**
 * Call inside the space document's write that records a decision entry,
 * right before `recordDecision`, like `withAdoptedChanges`. For an election
 * it names the role and circle as the records have them now; when adopted
 * it fills the role through the same machinery as an adopted proposal
 * (`applyChanges`, the decision as provenance, idempotent by decision id:
 * a run repeated after a restart writes nothing twice) and returns the
 * entry with what was applied or the conflicts (ELECTSRV-1, ELECTSRV-2).
 * Any other entry is returned unchanged.
 *
 * @example
 * recordDecision(doc, withElection(doc, withAdoptedChanges(doc, entry, proposalDoc)));
 */
export function withElection(spaceDoc: Y.Doc, entry: EntryWithGovernance): EntryWithGovernance {
  const election = entry.election;
  if (election === undefined) return entry;
  const role = readRole(spaceDoc, election.roleId);
  const named: EntryWithGovernance = {
    ...entry,
    election: {
      ...election,
      roleName: role?.name ?? election.roleName,
      circleName: readCircle(spaceDoc, election.circleId)?.name ?? election.circleName,
    },
  };
  if (entry.outcome !== 'adopted' || election.personId === null) return named;
  // Once applied (an earlier run), the log answers: nothing is planned or written again.
  // A role removed since the agenda was written is a `missing` conflict (ELECTSRV-2).
  const changes = electionChanges(spaceDoc, entry, election.personId);
  // Only an elected role of the named circle is filled by an election (ELECT-10, ELECTSRV-5).
  const notElected = electedRoleConflicts(spaceDoc, election, fillId(entry));
  const provenance = { decisionId: entry.id, proposalId: null, at: entry.decidedAt };
  applyChanges(spaceDoc, changes, provenance, notElected);
  const unit = readGovernanceUnit(spaceDoc, entry.id);
  if (unit === null) return named;
  return {
    ...named,
    governance: { status: unit.status, changes: unit.changes, conflicts: unit.conflicts },
  };
}
