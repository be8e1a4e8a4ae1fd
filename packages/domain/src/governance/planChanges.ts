import { compareIds } from '../space.ts';
import { changedRecord, type GovernanceChange, type GovernanceChangeType } from './changes.ts';
import { conflict, type AppliedChange, type Conflict } from './conflict.ts';
import { planChange, type PlanContext } from './planChange.ts';
import { applyOp, type Op, type Snapshot } from './snapshot.ts';

/** The plan of a whole proposal: all writes and what each change did, or the conflicts. */
export interface ProposalPlan {
  readonly ops: readonly Op[];
  readonly applied: readonly AppliedChange[];
  readonly conflicts: readonly Conflict[];
}

/**
 * The phase a change applies in (SPEC GOV-7): new circles, then new roles
 * and policies, then amendments and list entries, then unassignments, then
 * assignments, then removals. So a proposal may add a circle and roles in
 * it, move roles out of a circle and remove it, or unassign everyone and
 * remove the role, whatever order its changes were written in.
 */
const PHASE: Record<GovernanceChangeType, number> = {
  'circle.add': 0,
  'role.add': 1,
  'policy.add': 1,
  'record.amend': 2,
  'entry.add': 2,
  'entry.amend': 2,
  'entry.remove': 2,
  'person.unassign': 3,
  'person.assign': 4,
  'record.remove': 5,
};

/** The order changes are listed in: by `at`, then id in code-unit order (SPEC GOV-5). */
export function compareChanges(a: GovernanceChange, b: GovernanceChange): number {
  return a.at - b.at || compareIds(a.id, b.id);
}

/** The slot a change writes: a field, an entry, or a new or removed record. */
function slotOf(change: GovernanceChange): string {
  const { kind, id } = changedRecord(change);
  if (change.type === 'record.amend') return `${kind}:${id}#${change.field}`;
  if (change.type.startsWith('entry.') && 'entryId' in change) {
    return `${kind}:${id}#${change.list}:${change.entryId}`;
  }
  return `${kind}:${id}`;
}

/**
 * A proposal writes each slot once, and a record it removes it changes in no
 * other way (SPEC GOV-8 `duplicate`): later changes to a slot, and a removal
 * of a record the proposal also changes, conflict.
 */
function duplicates(sorted: readonly GovernanceChange[]): Conflict[] {
  const seen = new Set<string>();
  const touched = new Map<string, number>();
  const found: Conflict[] = [];
  for (const change of sorted) {
    const record = changedRecord(change);
    const key = `${record.kind}:${record.id}`;
    touched.set(key, (touched.get(key) ?? 0) + 1);
    const slot = slotOf(change);
    if (seen.has(slot)) found.push(conflict(change.id, 'duplicate', record));
    seen.add(slot);
  }
  for (const change of sorted) {
    if (change.type !== 'record.remove' && change.type !== 'person.unassign') continue;
    const record = changedRecord(change);
    const already = found.some((c) => c.changeId === change.id);
    if (!already && touched.get(`${record.kind}:${record.id}`)! > 1) {
      found.push(conflict(change.id, 'duplicate', record));
    }
  }
  return found;
}

/**
 * Plans all of a proposal's changes as one unit (SPEC GOV-7, GOV-8): in
 * phase order, each phase repeated while one of its remaining changes can
 * apply after another of the same phase did (nested circles added or
 * removed in any order); what still cannot apply is a conflict. Changes
 * within a phase are tried in list order. The snapshot is updated as it
 * goes; the caller drops it when there is a conflict.
 */
export function planChanges(
  snapshot: Snapshot,
  changes: readonly GovernanceChange[],
  context: PlanContext,
): ProposalPlan {
  const sorted = [...changes].sort(compareChanges);
  const conflicts = duplicates(sorted);
  const ops: Op[] = [];
  const applied: AppliedChange[] = [];
  const phases = new Map<number, GovernanceChange[]>();
  for (const change of sorted) {
    if (conflicts.some((c) => c.changeId === change.id)) continue;
    const phase = PHASE[change.type];
    phases.set(phase, [...(phases.get(phase) ?? []), change]);
  }
  for (const phase of [...phases.keys()].sort((a, b) => a - b)) {
    let pending = phases.get(phase)!;
    let failed: Conflict[] = [];
    while (pending.length > 0) {
      const next: GovernanceChange[] = [];
      failed = [];
      for (const change of pending) {
        const plan = planChange(snapshot, change, context);
        if ('reason' in plan) {
          next.push(change);
          failed.push(plan);
          continue;
        }
        for (const op of plan.ops) applyOp(snapshot, op);
        ops.push(...plan.ops);
        applied.push({ change, record: changedRecord(change), fields: plan.fields });
      }
      if (next.length === pending.length) break;
      pending = next;
    }
    conflicts.push(...failed);
  }
  const position = new Map(sorted.map((change, i) => [change.id, i]));
  conflicts.sort((a, b) => position.get(a.changeId)! - position.get(b.changeId)!);
  return { ops, applied, conflicts };
}
