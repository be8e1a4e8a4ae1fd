import type * as Y from 'yjs';
import { readSpace } from '../space.ts';
import type { GovernanceChange } from './changes.ts';
import { conflict, type AppliedChange, type Conflict } from './conflict.ts';
import {
  GOVERNANCE_LOG_SCHEMA,
  governanceLog,
  readGovernanceUnit,
  type GovernanceUnit,
} from './governanceLog.ts';
import { parseChange } from './parseChange.ts';
import { planChanges, type ProposalPlan } from './planChanges.ts';
import { snapshotOf, writeOp } from './snapshot.ts';

/** The decision a proposal's changes are applied under. */
export interface Provenance {
  /** The decision's id (the outcome event id of the decision log): the unit of idempotence. */
  readonly decisionId: string;
  readonly proposalId: string | null;
  /** The decision's time (server clock). */
  readonly at: number;
}

export type ApplyResult =
  | {
      readonly type: 'applied';
      readonly decisionId: string;
      readonly changes: readonly AppliedChange[];
    }
  | {
      readonly type: 'conflict';
      readonly decisionId: string;
      readonly conflicts: readonly Conflict[];
    }
  | {
      readonly type: 'already-applied';
      readonly decisionId: string;
      readonly unit: GovernanceUnit | null;
    };

/** Changes as given, each checked again by `parseChange` (an invalid one is a conflict). */
function plan(
  doc: Y.Doc,
  changes: readonly unknown[],
  decisionId: string,
  at: number,
): ProposalPlan {
  const parsed: GovernanceChange[] = [];
  const invalid: Conflict[] = [];
  for (const raw of changes) {
    const change = parseChange(raw);
    if (change !== null) parsed.push(change);
    else {
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '';
      invalid.push(conflict(id, 'invalid', null));
    }
  }
  const anchorId = readSpace(doc)?.defaultCircleId ?? null;
  const result = planChanges(snapshotOf(doc), parsed, { decisionId, at, anchorId });
  return { ...result, conflicts: [...invalid, ...result.conflicts] };
}

/**
 * The conflicts a proposal's changes would meet if adopted now, to show in
 * the meeting before the objection or consent round (SPEC GOV-8). Reads
 * only; `[]` when all of them would apply.
 *
 * @example
 * detectConflicts(spaceDoc, listChanges(proposalDoc)); // [{ changeId, reason: 'stale', field: 'purpose', … }]
 */
export function detectConflicts(doc: Y.Doc, changes: readonly GovernanceChange[]): Conflict[] {
  return [...plan(doc, changes, '', 0).conflicts];
}

/**
 * Applies all of an adopted proposal's changes to the space document's
 * governance records as one unit, or none (SPEC GOV-7 … GOV-10). Pure over
 * the given document: it writes inside one transaction (the caller's, when
 * called inside `doc.transact`) and nothing else.
 *
 * - Every change is checked first; with any conflict nothing is written to
 *   the records, and the conflicts are returned. `found` are conflicts the
 *   caller found beforehand (an election's role, SPEC ELECT-10): they count
 *   the same, listed first.
 * - Each applied change stamps the decision on what it wrote (the field's
 *   and the record's version) and the unit, with every change before → after,
 *   is kept in the `governance` log under the decision's id: the history.
 * - Idempotent by decision id: a decision already in the log (applied or
 *   conflicting) is not applied again; the result says so.
 *
 * @example
 * spaceDoc.transact(() => {
 *   const result = applyChanges(spaceDoc, listChanges(proposalDoc), { decisionId, proposalId, at });
 *   if (result.type === 'conflict') report(result.conflicts);
 * }, SERVER_ORIGIN);
 */
export function applyChanges(
  doc: Y.Doc,
  changes: readonly GovernanceChange[],
  provenance: Provenance,
  found: readonly Conflict[] = [],
): ApplyResult {
  const { decisionId, proposalId, at } = provenance;
  const log = governanceLog(doc);
  if (log.has(decisionId)) {
    return { type: 'already-applied', decisionId, unit: readGovernanceUnit(doc, decisionId) };
  }
  const planned = plan(doc, changes, decisionId, at);
  const { ops, applied } = planned;
  const conflicts = [...found, ...planned.conflicts];
  const status = conflicts.length > 0 ? 'conflict' : 'applied';
  const unit: GovernanceUnit = {
    schema: GOVERNANCE_LOG_SCHEMA,
    decisionId,
    proposalId,
    at,
    status,
    changes: status === 'applied' ? applied : [],
    conflicts,
  };
  doc.transact(() => {
    if (status === 'applied') for (const op of ops) writeOp(doc, op);
    // A JSON round trip drops `undefined` and keeps the stored value plain.
    log.set(decisionId, JSON.parse(JSON.stringify(unit)) as unknown);
  });
  return status === 'applied'
    ? { type: 'applied', decisionId, changes: applied }
    : { type: 'conflict', decisionId, conflicts };
}
