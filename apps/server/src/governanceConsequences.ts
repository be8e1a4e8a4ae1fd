import {
  applyChanges,
  listChanges,
  readGovernanceUnit,
  readProposal,
  type AppliedChange,
  type Conflict,
  type DecisionEntry,
} from '@ronde/domain';
import type * as Y from 'yjs';

/**
 * What an entry of the decision log says of the governance records
 * (GOVSRV-3): the changes applied, field by field, or the conflicts that
 * kept all of them out. Absent when the decision changed no record.
 */
export interface DecisionGovernance {
  readonly status: 'applied' | 'conflict';
  readonly changes: readonly AppliedChange[];
  readonly conflicts: readonly Conflict[];
}

/** A decision entry as the server stores it: the entry, and what it did to the records. */
export type EntryWithGovernance = DecisionEntry & { readonly governance?: DecisionGovernance };

/**
 * Call inside the space document's write that records a decision entry,
 * right before `recordDecision`. For an adopted proposal it applies the
 * proposal's structured changes to the governance records as one unit, with
 * the decision as provenance (GOVSRV-1: `applyChanges`, idempotent by
 * decision id, so a run repeated after a restart writes nothing twice), and
 * returns the entry listing what was applied or the conflicts (GOVSRV-3).
 * Any other outcome, an item without a proposal, or a proposal without
 * changes returns the entry unchanged.
 *
 * @example
 * await space.write((doc) => {
 *   if (hasDecision(doc, entry.id)) return;
 *   recordDecision(doc, withAdoptedChanges(doc, entry, proposalDoc));
 * });
 */
export function withAdoptedChanges(
  spaceDoc: Y.Doc,
  entry: DecisionEntry,
  proposalDoc: Y.Doc | null,
): EntryWithGovernance {
  if (entry.outcome !== 'adopted' || entry.proposalId === null || proposalDoc === null) {
    return entry;
  }
  if (readProposal(proposalDoc)?.id !== entry.proposalId) return entry;
  const changes = listChanges(proposalDoc);
  // A decision already applied (an earlier run stored it) is reported as it was applied.
  const already = readGovernanceUnit(spaceDoc, entry.id);
  if (changes.length === 0 && already === null) return entry;
  applyChanges(spaceDoc, changes, {
    decisionId: entry.id,
    proposalId: entry.proposalId,
    at: entry.decidedAt,
  });
  const unit = readGovernanceUnit(spaceDoc, entry.id);
  if (unit === null) return entry;
  const governance: DecisionGovernance = {
    status: unit.status,
    changes: unit.changes,
    conflicts: unit.conflicts,
  };
  return { ...entry, governance };
}
